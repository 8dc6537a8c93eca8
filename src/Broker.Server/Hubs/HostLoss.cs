namespace Broker.Server.Hubs;

/// <summary>
/// Failures of a grain call that mean "the host that held the grain is gone, and the cluster has not declared it dead
/// yet": the call may be made again and will reach a new activation once the cluster has moved on.
/// </summary>
public static class HostLoss
{
    /// <summary>How long a live stream bridges such failures before it gives up (the cluster declares a silent host dead in well under this).</summary>
    public static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(90);

    public static bool IsTransient(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
