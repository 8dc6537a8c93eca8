using System.Collections.Concurrent;
using Broker.Contracts.Hubs;

namespace Broker.LoadTest.Relay;

/// <summary>The baseline's viewers, per session, in this one process's memory: what the broker keeps in grains and relays.</summary>
public sealed class BaselineFeeds
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, NewestFrameFeed>> _sessions = new();

    public NewestFrameFeed Add(Guid sessionId, string connectionId)
    {
        var feed = new NewestFrameFeed(sessionId, connectionId);
        _sessions.GetOrAdd(sessionId, _ => new())[connectionId] = feed;
        return feed;
    }

    public void Remove(NewestFrameFeed feed)
    {
        if (_sessions.TryGetValue(feed.SessionId, out var feeds))
        {
            feeds.TryRemove(new KeyValuePair<string, NewestFrameFeed>(feed.ConnectionId, feed));
        }

        feed.Complete();
    }

    public void Deliver(Guid sessionId, Frame frame)
    {
        if (_sessions.TryGetValue(sessionId, out var feeds))
        {
            foreach (var feed in feeds.Values)
            {
                feed.Offer(frame);
            }
        }
    }
}
