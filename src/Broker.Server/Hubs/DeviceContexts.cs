using System.Collections.Concurrent;
using Broker.Server.Operations;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>
/// The endpoint connections this host holds, so a grain can close one (device removed, token replaced), and so a host
/// that shuts down can send its endpoints elsewhere before it goes (<see cref="DeviceDrain"/>).
/// </summary>
public sealed class DeviceContexts(BrokerMetrics metrics)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _contexts = new();
    private volatile bool _draining;

    /// <summary>Whether this host is shutting down and takes no new endpoint connections.</summary>
    public bool Draining => _draining;

    public int Count => _contexts.Count;

    public void Add(HubCallerContext context)
    {
        if (_contexts.TryAdd(context.ConnectionId, context))
        {
            metrics.DeviceConnected();
        }
    }

    public void Remove(string connectionId)
    {
        if (_contexts.TryRemove(connectionId, out _))
        {
            metrics.DeviceDisconnected();
        }
    }

    public bool IsHere(string connectionId) => _contexts.ContainsKey(connectionId);

    public void Abort(string connectionId)
    {
        if (_contexts.TryRemove(connectionId, out var context))
        {
            metrics.DeviceDisconnected();
            context.Abort();
        }
    }

    /// <summary>Refuses new connections from now on and closes every held one; returns how many it closed.</summary>
    public int Drain()
    {
        _draining = true;
        var closed = 0;
        foreach (var connectionId in _contexts.Keys)
        {
            if (_contexts.TryRemove(connectionId, out var context))
            {
                metrics.DeviceDisconnected();
                context.Abort();
                closed++;
            }
        }

        return closed;
    }
}
