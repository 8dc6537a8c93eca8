using System.ComponentModel.DataAnnotations;

namespace Broker.Server;

/// <summary>The <c>Broker</c> configuration section: how this host stores data and joins its cluster.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary><see cref="BrokerMode.Local"/> (one host, SQLite, installers in a folder) or <see cref="BrokerMode.Cluster"/>.</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Local;

    /// <summary>Local mode's folder: the database, the keys and the installers. Relative paths start at the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "./data";

    /// <summary>The silo-to-silo port; give each host on one machine its own.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans client gateway port; give each host on one machine its own.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Local mode with several hosts on one machine (development clustering): the silo port of the first host, which the
    /// others join. They must share its <see cref="DataPath"/>. Unset: this host is a cluster of its own.
    /// </summary>
    [Range(1, 65535)]
    public int? PrimarySiloPort { get; set; }

    /// <summary>
    /// Cluster mode: the IP address other hosts reach this host's silo at (its own address on the cluster network).
    /// Unset: the address Orleans picks, the first of this machine's non-loopback addresses.
    /// </summary>
    [RegularExpression(@"^[0-9A-Fa-f:.]+$", ErrorMessage = "Broker:AdvertisedAddress must be an IP address.")]
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// How many connections the web front's listening socket queues before it accepts them (Kestrel's default is 512; the
    /// kernel caps it at net.core.somaxconn). Thousands of endpoints reconnecting at once after a host is lost need more.
    /// </summary>
    [Range(1, 65535)]
    public int ListenBacklog { get; set; } = 512;

    /// <summary>The address endpoints reach this broker at, written into installers; the request's own address when unset.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary><see cref="AdvertisedAddress"/> parsed; a value that is no IP address stops the host at start.</summary>
    public System.Net.IPAddress? AdvertisedIPAddress => AdvertisedAddress is { Length: > 0 } text
        ? System.Net.IPAddress.TryParse(text, out var address) ? address : throw new BrokerStartupException($"Broker:AdvertisedAddress '{text}' is not an IP address.")
        : null;

    /// <summary><see cref="DataPath"/> as an absolute path.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}
