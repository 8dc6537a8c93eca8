using Microsoft.Extensions.Logging;

namespace Broker.Grains.Connections;

/// <summary>
/// The live connections a grain pushes to, in memory. Hosts register connections when they open and again on a timer
/// (grains forget them on deactivation); a push that fails drops the connection, since its host or socket is gone.
/// </summary>
public sealed class ConnectionSet(ILogger logger)
{
    private readonly Dictionary<string, Connection> _connections = [];

    public int Count => _connections.Count;

    public void Add(Connection connection) => _connections[connection.ConnectionId] = connection;

    public bool Remove(string connectionId) => _connections.Remove(connectionId);

    public bool Contains(string connectionId) => _connections.ContainsKey(connectionId);

    public bool TryGet(string connectionId, out Connection connection) => _connections.TryGetValue(connectionId, out connection!);

    public IEnumerable<Connection> All => _connections.Values;

    /// <summary>The connections grouped by the host that holds them: one call per host instead of one per connection.</summary>
    public IEnumerable<(IConnectionRelay Relay, string[] ConnectionIds)> ByHost() =>
        _connections.Values.GroupBy(c => c.Relay.GetGrainId()).Select(g => (g.First().Relay, g.Select(c => c.ConnectionId).ToArray()));

    /// <summary>Calls <paramref name="push"/> once per host; drops the connections of a host whose call fails.</summary>
    public async Task PushPerHostAsync(Func<IConnectionRelay, string[], Task> push)
    {
        var hosts = ByHost().ToList();
        var results = await Task.WhenAll(hosts.Select(async host =>
        {
            try
            {
                await push(host.Relay, host.ConnectionIds);
                return [];
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Dropping {Count} connections: a push to their host failed", host.ConnectionIds.Length);
                return host.ConnectionIds;
            }
        }));
        foreach (var gone in results.SelectMany(ids => ids))
        {
            _connections.Remove(gone);
        }
    }

    /// <summary>Calls <paramref name="push"/> for every connection, in parallel; drops those whose call fails.</summary>
    public async Task PushAsync(Func<Connection, Task> push)
    {
        var connections = _connections.Values.ToList();
        var results = await Task.WhenAll(connections.Select(async connection =>
        {
            try
            {
                await push(connection);
                return null;
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Dropping connection {ConnectionId}: a push to it failed", connection.ConnectionId);
                return connection.ConnectionId;
            }
        }));
        foreach (var gone in results.OfType<string>())
        {
            _connections.Remove(gone);
        }
    }
}
