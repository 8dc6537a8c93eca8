using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>The endpoint connections this host holds, so a grain can close one (device removed, token replaced).</summary>
public sealed class DeviceContexts
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _contexts = new();

    public void Add(HubCallerContext context) => _contexts[context.ConnectionId] = context;

    public void Remove(string connectionId) => _contexts.TryRemove(connectionId, out _);

    public bool IsHere(string connectionId) => _contexts.ContainsKey(connectionId);

    public void Abort(string connectionId)
    {
        if (_contexts.TryRemove(connectionId, out var context))
        {
            context.Abort();
        }
    }
}
