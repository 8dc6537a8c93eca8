using Broker.Grains.Sessions;

namespace Broker.Grains.Tests;

/// <summary>The silos' <see cref="IFrameRelayMetrics"/>: counts what the relay reports, summed over every silo.</summary>
public sealed class CountingRelayMetrics : IFrameRelayMetrics
{
    private long _skippedForHost;

    public long SkippedForHost => Interlocked.Read(ref _skippedForHost);

    public void FrameSkippedForHost() => Interlocked.Increment(ref _skippedForHost);
}
