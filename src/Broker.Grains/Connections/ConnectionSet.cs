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
