using System.Collections.Concurrent;
using Broker.Server.Operations;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>
/// The endpoint connections this host holds, enrolled devices and customers joined to attended sessions, so a grain can
/// close one (device removed, token replaced), and so a host that shuts down can send its endpoints elsewhere before it
/// goes (<see cref="DeviceDrain"/>). The connected-devices metric counts the devices.
/// </summary>
public sealed class DeviceContexts(BrokerMetrics metrics)
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, bool Customer)> _contexts = new();
    private volatile bool _draining;

    /// <summary>Whether this host is shutting down and takes no new endpoint connections.</summary>
    public bool Draining => _draining;

    public int Count => _contexts.Count;

    public void Add(HubCallerContext context, bool customer)
    {
        if (_contexts.TryAdd(context.ConnectionId, (context, customer)) && !customer)
        {
            metrics.DeviceConnected();
        }
    }

    public void Remove(string connectionId) => TryRemove(connectionId, out _);

    public bool IsHere(string connectionId) => _contexts.ContainsKey(connectionId);

    public void Abort(string connectionId)
    {
        if (TryRemove(connectionId, out var context))
        {
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
            if (TryRemove(connectionId, out var context))
            {
                context.Abort();
                closed++;
            }
        }

        return closed;
    }

    private bool TryRemove(string connectionId, out HubCallerContext context)
    {
        if (!_contexts.TryRemove(connectionId, out var entry))
        {
            context = null!;
            return false;
        }

        if (!entry.Customer)
        {
            metrics.DeviceDisconnected();
        }

        context = entry.Context;
        return true;
    }
}
