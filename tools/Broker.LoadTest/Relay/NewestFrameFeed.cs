using System.Threading.Channels;
using Broker.Contracts.Hubs;

namespace Broker.LoadTest.Relay;

/// <summary>
/// The baseline's buffer for one viewer, with the broker's semantics: at most the newest unsent frame, so a slow viewer
/// skips stale frames instead of queueing them; a frame older than one already offered is dropped.
/// </summary>
public sealed class NewestFrameFeed(Guid sessionId, string connectionId)
{
    private readonly Channel<Frame> _newest = Channel.CreateBounded<Frame>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });

    private readonly Lock _gate = new();
    private long _lastOffered = long.MinValue;

    public Guid SessionId { get; } = sessionId;

    public string ConnectionId { get; } = connectionId;

    public ChannelReader<Frame> Reader => _newest.Reader;

    public void Offer(Frame frame)
    {
        lock (_gate)
        {
            if (frame.Seq > _lastOffered)
            {
                _lastOffered = frame.Seq;
                _newest.Writer.TryWrite(frame);
            }
        }
    }

    public void Complete() => _newest.Writer.TryComplete();
}
