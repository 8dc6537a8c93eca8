using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
using Broker.Server.Operations;

namespace Broker.Server.Live;

/// <summary>
/// This host's live streams: the frame feeds of its viewers (per session), the uploads of its devices (per session), and
/// its <c>WatchPresence</c> feeds. The host's relay delivers into them; the hubs read from them.
/// </summary>
public sealed class LiveFeeds(BrokerMetrics metrics)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, FrameFeed>> _frames = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, CancellationTokenSource>> _uploads = new();
    private readonly ConcurrentDictionary<string, PresenceFeed> _presence = new();

    /// <summary>Every frame feed, for re-registration with the session grains.</summary>
    public IEnumerable<FrameFeed> FrameFeeds => _frames.Values.SelectMany(feeds => feeds.Values);

    public IEnumerable<PresenceFeed> PresenceFeeds => _presence.Values;

    public FrameFeed AddViewer(Guid sessionId, string connectionId)
    {
        var feed = new FrameFeed(sessionId, connectionId, metrics);
        var previous = _frames.GetOrAdd(sessionId, _ => new()).GetAndSet(connectionId, feed);
        previous?.Complete("The viewer watches this session on a newer stream.");
        return feed;
    }

    public void RemoveViewer(FrameFeed feed)
    {
        if (_frames.TryGetValue(feed.SessionId, out var feeds))
        {
            feeds.TryRemove(new KeyValuePair<string, FrameFeed>(feed.ConnectionId, feed));
            if (feeds.IsEmpty)
            {
                _frames.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, FrameFeed>>(feed.SessionId, feeds));
            }
        }

        feed.Complete();
    }

    /// <summary>Hands a frame to every viewer of the session on this host; each keeps only the newest.</summary>
    public void Deliver(Guid sessionId, Frame frame)
    {
        if (_frames.TryGetValue(sessionId, out var feeds))
        {
            foreach (var feed in feeds.Values)
            {
                feed.Offer(frame);
            }
        }
    }

    /// <summary>A device's upload of a session on this host; cancelled when the session ends.</summary>
    public CancellationTokenSource AddUpload(Guid sessionId, string connectionId, CancellationToken connectionAborted)
    {
        var upload = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted);
        if (_uploads.GetOrAdd(sessionId, _ => new()).GetAndSet(connectionId, upload) is null)
        {
            metrics.SessionConnected(SessionKind.Unattended);
        }

        return upload;
    }

    public void RemoveUpload(Guid sessionId, string connectionId)
    {
        if (_uploads.TryGetValue(sessionId, out var uploads) && uploads.TryRemove(connectionId, out var upload))
        {
            metrics.SessionDisconnected(SessionKind.Unattended);
            upload.Dispose();
        }
    }

    /// <summary>The session ended: its viewers' streams complete and its uploads stop.</summary>
    public void EndSession(Guid sessionId, string reason)
    {
        if (_frames.TryRemove(sessionId, out var feeds))
        {
            foreach (var feed in feeds.Values)
            {
                feed.Complete(reason);
            }
        }

        if (_uploads.TryGetValue(sessionId, out var uploads))
        {
            foreach (var upload in uploads.Values)
            {
                try
                {
                    upload.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The upload ended meanwhile.
                }
            }
        }
    }

    public PresenceFeed AddPresence(string connectionId, IReadOnlyList<Guid> deviceGroupIds)
    {
        var feed = new PresenceFeed(connectionId, deviceGroupIds);
        _presence.GetAndSet(connectionId, feed)?.Complete();
        return feed;
    }

    public void RemovePresence(PresenceFeed feed)
    {
        _presence.TryRemove(new KeyValuePair<string, PresenceFeed>(feed.ConnectionId, feed));
        feed.Complete();
    }

    public void DeliverPresence(IEnumerable<string> connectionIds, PresenceChange change)
    {
        foreach (var connectionId in connectionIds)
        {
            if (_presence.TryGetValue(connectionId, out var feed))
            {
                feed.Offer(change);
            }
        }
    }
}

internal static class ConcurrentDictionaryExtensions
{
    /// <summary>Sets the value and returns the one it replaced, if any.</summary>
    public static TValue? GetAndSet<TKey, TValue>(this ConcurrentDictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull where TValue : class
    {
        TValue? previous = null;
        dictionary.AddOrUpdate(key, value, (_, old) =>
        {
            previous = old;
            return value;
        });
        return previous;
    }
}
