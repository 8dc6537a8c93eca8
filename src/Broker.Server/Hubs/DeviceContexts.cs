using System.Collections.Concurrent;
using Broker.Server.Operations;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>The endpoint connections this host holds, so a grain can close one (device removed, token replaced).</summary>
public sealed class DeviceContexts(BrokerMetrics metrics)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _contexts = new();

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
}
