namespace Broker.Grains.Sessions;

/// <summary>
/// What the session grains' frame relay tells the metrics of the host they run on (the broker host implements it).
/// Optional: a silo without one counts nothing.
/// </summary>
public interface IFrameRelayMetrics
{
    /// <summary>A frame waiting for a viewer host was replaced by a newer one before that host took it (a slow host).</summary>
    void FrameSkippedForHost();
}
