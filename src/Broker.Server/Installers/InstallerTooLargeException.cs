namespace Broker.Server.Installers;

/// <summary>An upload was refused because it is longer than the store's limit; nothing of it was kept.</summary>
public sealed class InstallerTooLargeException(long maxSize)
    : Exception($"The installer is larger than the limit of {maxSize} bytes.")
{
    /// <summary>The largest package the store accepts, in bytes.</summary>
    public long MaxSize { get; } = maxSize;
}
