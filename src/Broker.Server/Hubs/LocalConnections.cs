using System.Collections.Concurrent;
using Broker.Grains.Agents;
using Broker.Grains.Connections;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Sessions;
using Broker.Server.Live;
using Broker.Server.Operations;

namespace Broker.Server.Hubs;

/// <summary>
/// The connections this host holds that grains push to, and this host's relay reference. Grains keep such registrations
/// in memory only, so they are sent again on a timer (<see cref="ConnectionRefresher"/>) to survive a grain's reactivation.
/// Endpoints refresh their own registration with every heartbeat.
/// </summary>
public sealed class LocalConnections(IGrainFactory grains, HubRelay relay, LiveFeeds feeds, BrokerMetrics metrics)
{
    private readonly ConcurrentDictionary<string, (bool Customer, Guid Owner)> _connections = new();
    private readonly ConcurrentDictionary<(string ConnectionId, Guid SessionId), Guid> _watchers = new();
    private readonly Lazy<IConnectionRelay> _reference = new(() => grains.CreateObjectReference<IConnectionRelay>(relay));

    public Connection Connection(string connectionId) => new(_reference.Value, connectionId);

    public async Task<bool> AddCustomerAsync(string connectionId, Guid sessionId)
    {
        if (_connections.TryAdd(connectionId, (true, sessionId)))
        {
            metrics.SessionConnected(SessionKind.Attended);
        }

        try
        {
            return await grains.GetGrain<ISessionGrain>(sessionId).CustomerConnected(Connection(connectionId));
        }
        catch
        {
            ForgetUnregistered(connectionId);
            throw;
        }
    }

    public async Task AddViewerAsync(string connectionId, Guid agentId)
    {
        _connections[connectionId] = (false, agentId);
        try
        {
            await grains.GetGrain<IAgentGrain>(agentId).ConnectViewer(Connection(connectionId));
        }
        catch
        {
            ForgetUnregistered(connectionId);
            throw;
        }
    }

    /// <summary>
    /// A connection whose registration failed: SignalR closes it without calling OnDisconnectedAsync, so it is forgotten
    /// here, or every refresh would register again a connection that is gone.
    /// </summary>
    private void ForgetUnregistered(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var entry) && entry.Customer)
        {
            metrics.SessionDisconnected(SessionKind.Attended);
        }
    }

    public Task RemoveAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var entry))
        {
            return Task.CompletedTask;
        }

        if (!entry.Customer)
        {
            return grains.GetGrain<IAgentGrain>(entry.Owner).DisconnectViewer(connectionId);
        }

        metrics.SessionDisconnected(SessionKind.Attended);
        return grains.GetGrain<ISessionGrain>(entry.Owner).CustomerDisconnected(connectionId);
    }

    /// <summary>A viewer's <c>WatchSession</c> stream, registered with the session's grain.</summary>
    public Task<Grains.Common.Result<WatchGrant>> WatchAsync(string connectionId, Guid agentId, Guid sessionId)
    {
        _watchers[(connectionId, sessionId)] = agentId;
        return grains.GetGrain<ISessionGrain>(sessionId).Watch(agentId, Connection(connectionId));
    }

    public Task UnwatchAsync(string connectionId, Guid sessionId) => _watchers.TryRemove((connectionId, sessionId), out _)
        ? grains.GetGrain<ISessionGrain>(sessionId).Unwatch(connectionId)
        : Task.CompletedTask;

    /// <summary>A viewer's <c>WatchPresence</c> stream, registered with each of its device groups.</summary>
    public Task WatchPresenceAsync(PresenceFeed feed) =>
        Task.WhenAll(feed.DeviceGroupIds.Select(group => grains.GetGrain<IDeviceGroupGrain>(group).WatchPresence(Connection(feed.ConnectionId))));

    public Task UnwatchPresenceAsync(PresenceFeed feed) =>
        Task.WhenAll(feed.DeviceGroupIds.Select(group => grains.GetGrain<IDeviceGroupGrain>(group).UnwatchPresence(feed.ConnectionId)));

    /// <summary>Registers every connection and stream again with the grain that pushes to it.</summary>
    public Task RefreshAsync() => Task.WhenAll(
        _connections.Select(c => c.Value.Customer
            ? grains.GetGrain<ISessionGrain>(c.Value.Owner).CustomerConnected(Connection(c.Key))
            : grains.GetGrain<IAgentGrain>(c.Value.Owner).ConnectViewer(Connection(c.Key)))
        .Concat(_watchers.Select(w => grains.GetGrain<ISessionGrain>(w.Key.SessionId).Watch(w.Value, Connection(w.Key.ConnectionId))))
        .Concat(feeds.PresenceFeeds.Select(WatchPresenceAsync)));
}
