namespace Broker.Server.Installers;

/// <summary>The <c>Broker:Installers</c> configuration section.</summary>
public sealed class InstallerStoreOptions
{
    public const string Section = "Broker:Installers";

    /// <summary>The default limit: 1 GiB.</summary>
    public const long DefaultMaxPackageSize = 1L << 30;

    /// <summary>The largest package an upload may have, in bytes.</summary>
    public long MaxPackageSize { get; set; } = DefaultMaxPackageSize;
}
