using System.Threading.Channels;
using Broker.Contracts.Hubs;

namespace Broker.Server.Live;

/// <summary>
/// One <c>WatchPresence</c> stream: changes waiting to be sent, at most one per device (a newer change of a device
/// replaces its unsent one), so a slow watcher holds at most one entry per device and always ends up with the truth.
/// </summary>
public sealed class PresenceFeed(string connectionId, IReadOnlyList<Guid> deviceGroupIds)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, PresenceChange> _pending = [];
    private readonly Queue<Guid> _order = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public string ConnectionId { get; } = connectionId;

    /// <summary>The device groups the agent reached when the stream began.</summary>
    public IReadOnlyList<Guid> DeviceGroupIds { get; } = deviceGroupIds;

    public void Offer(PresenceChange change)
    {
        lock (_gate)
        {
            if (_pending.TryAdd(change.DeviceId, change))
            {
                _order.Enqueue(change.DeviceId);
            }
            else
            {
                _pending[change.DeviceId] = change;
            }
        }

        _signal.Writer.TryWrite(true);
    }

    public void Complete() => _signal.Writer.TryComplete();

    /// <summary>The changes in the order their devices first changed, until <see cref="Complete"/> or cancellation.</summary>
    public async IAsyncEnumerable<PresenceChange> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signal.Reader.WaitToReadAsync(cancellationToken))
        {
            _signal.Reader.TryRead(out _);
            while (TryTake(out var change))
            {
                yield return change;
            }
        }
    }

    private bool TryTake(out PresenceChange change)
    {
        lock (_gate)
        {
            while (_order.TryDequeue(out var deviceId))
            {
                if (_pending.Remove(deviceId, out change!))
                {
                    return true;
                }
            }

            change = null!;
            return false;
        }
    }
}
