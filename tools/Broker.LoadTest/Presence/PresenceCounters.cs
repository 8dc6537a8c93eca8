namespace Broker.LoadTest.Presence;

/// <summary>Events of one client process's endpoints, counted since it started (fields, for <see cref="Interlocked"/>).</summary>
public sealed class PresenceCounters
{
    public long HeartbeatsAccepted;
    public long HeartbeatsFailed;
    public long StartFailures;
    public long Reconnects;
    public long Restarts;
}
