using System.Threading.Channels;
using Broker.Contracts.Hubs;
using Broker.Server.Operations;

namespace Broker.Server.Live;

/// <summary>
/// One viewer's frames of one session: holds at most the newest unsent frame, so a slow viewer skips stale frames
/// instead of queueing them (bounded memory, and neither the device nor other viewers wait for it). Sequence numbers
/// never go backwards: a frame older than one already offered is dropped, whatever order the hosts delivered them in.
/// </summary>
public sealed class FrameFeed
{
    private readonly Channel<Frame> _newest;
    private readonly Lock _gate = new();
    private long _lastOffered = long.MinValue;
    private readonly BrokerMetrics _metrics;
    private long _skipped;

    public FrameFeed(Guid sessionId, string connectionId, BrokerMetrics metrics)
    {
        _metrics = metrics;
        SessionId = sessionId;
        ConnectionId = connectionId;
        _newest = Channel.CreateBounded<Frame>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Skip());
    }

    public Guid SessionId { get; }

    public string ConnectionId { get; }

    /// <summary>Frames replaced before the viewer took them, or arriving after a newer one.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Why the feed ended, when the session ended.</summary>
    public string? EndedReason { get; private set; }

    public ChannelReader<Frame> Reader => _newest.Reader;

    public void Offer(Frame frame)
    {
        lock (_gate)
        {
            if (frame.Seq <= _lastOffered)
            {
                Skip();
                return;
            }

            _lastOffered = frame.Seq;
            _newest.Writer.TryWrite(frame);
        }
    }

    private void Skip()
    {
        Interlocked.Increment(ref _skipped);
        _metrics.FrameDropped();
    }

    /// <summary>No more frames: the session ended (with <paramref name="reason"/>) or the viewer left.</summary>
    public void Complete(string? reason = null)
    {
        EndedReason ??= reason;
        _newest.Writer.TryComplete();
    }
}
