using System.Collections.Concurrent;
using Broker.Grains.Agents;
using Broker.Grains.Connections;
using Broker.Grains.Sessions;

namespace Broker.Server.Hubs;

/// <summary>
/// The connections this host holds that grains push to, and this host's relay reference. Grains keep such registrations
/// in memory only, so they are sent again on a timer (<see cref="ConnectionRefresher"/>) to survive a grain's reactivation.
/// </summary>
public sealed class LocalConnections(IGrainFactory grains, HubRelay relay)
{
    private readonly ConcurrentDictionary<string, (bool Customer, Guid Owner)> _connections = new();
    private readonly Lazy<IConnectionRelay> _reference = new(() => grains.CreateObjectReference<IConnectionRelay>(relay));

    public Connection Connection(string connectionId) => new(_reference.Value, connectionId);

    public Task<bool> AddCustomerAsync(string connectionId, Guid sessionId)
    {
        _connections[connectionId] = (true, sessionId);
        return grains.GetGrain<ISessionGrain>(sessionId).CustomerConnected(Connection(connectionId));
    }

    public Task AddViewerAsync(string connectionId, Guid agentId)
    {
        _connections[connectionId] = (false, agentId);
        return grains.GetGrain<IAgentGrain>(agentId).ConnectViewer(Connection(connectionId));
    }

    public Task RemoveAsync(string connectionId) => _connections.TryRemove(connectionId, out var entry)
        ? entry.Customer
            ? grains.GetGrain<ISessionGrain>(entry.Owner).CustomerDisconnected(connectionId)
            : grains.GetGrain<IAgentGrain>(entry.Owner).DisconnectViewer(connectionId)
        : Task.CompletedTask;

    /// <summary>Registers every connection again with the grain that pushes to it.</summary>
    public Task RefreshAsync() => Task.WhenAll(_connections.Select(c => c.Value.Customer
        ? grains.GetGrain<ISessionGrain>(c.Value.Owner).CustomerConnected(Connection(c.Key))
        : grains.GetGrain<IAgentGrain>(c.Value.Owner).ConnectViewer(Connection(c.Key))));
}
