using System.Collections.Concurrent;
using Broker.Contracts.Hubs;
using Broker.LoadTest.Relay;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.LoadTest.Presence;

/// <summary>
/// The agent's view of presence, as a console shows it: one <c>WatchPresence</c> stream on one host (the state of every
/// device of the agent's groups, then each change), counted into how many devices the broker reports online.
/// </summary>
public sealed class PresenceWatcher : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, bool> _online = new();
    private readonly HubConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;
    private int _count;

    private PresenceWatcher(HubConnection connection) => _connection = connection;

    /// <summary>Devices the broker reports online now.</summary>
    public int Online => Volatile.Read(ref _count);

    /// <summary>Changes that said a device went offline, since the stream began.</summary>
    public int OfflineReports { get; private set; }

    public static async Task<PresenceWatcher> StartAsync(Uri host, string agentToken, CancellationToken cancellationToken)
    {
        var watcher = new PresenceWatcher(RelayConnections.Build(new Uri(host, HubRoutes.Agent), agentToken, messagePack: true));
        await watcher._connection.StartAsync(cancellationToken);
        var stream = watcher._connection.StreamAsync<PresenceChange>(nameof(IAgentHub.WatchPresence), watcher._stop.Token);
        watcher._reading = watcher.ReadAsync(stream);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // The stream ends as it was cancelled.
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync(IAsyncEnumerable<PresenceChange> stream)
    {
        await foreach (var change in stream)
        {
            var was = _online.TryGetValue(change.DeviceId, out var before) && before;
            _online[change.DeviceId] = change.Online;
            if (change.Online != was)
            {
                Interlocked.Add(ref _count, change.Online ? 1 : -1);
            }

            if (!change.Online && was)
            {
                OfflineReports++;
            }
        }
    }
}
