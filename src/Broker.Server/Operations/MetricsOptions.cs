using System.Net;

namespace Broker.Server.Operations;

/// <summary>The <c>Broker:Metrics</c> section: the Prometheus scraping endpoint.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Broker:Metrics";

    /// <summary>Serve <c>/metrics</c> (Prometheus text format) on the web port.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks in CIDR notation (<c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) whose addresses may scrape; empty: any address.
    /// Behind a reverse proxy the address is the proxy's, so block <c>/metrics</c> there too (infra/proxy).
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>The parsed <see cref="AllowedNetworks"/>; a malformed entry stops the host with a message that names it.</summary>
    public IPNetwork[] Networks() =>
    [
        .. AllowedNetworks.Select(entry => IPNetwork.TryParse(entry.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:AllowedNetworks: '{entry}' is not a network in CIDR notation, such as 10.0.0.0/8 or 127.0.0.1/32.")),
    ];
}
