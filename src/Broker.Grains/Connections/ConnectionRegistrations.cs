namespace Broker.Grains.Connections;

/// <summary>
/// Grain observers are not durable: every host registers its connections again with the grains that push to them, at
/// this period (and at once when a host is lost). A registration much older than that belongs to a host that is gone.
/// </summary>
public static class ConnectionRegistrations
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    /// <summary>A registration not renewed for this long is taken for gone: three refreshes missed.</summary>
    public static readonly TimeSpan StaleAfter = RefreshPeriod * 3;
}
