using Broker.Contracts.Hubs;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary><c>/hubs/agent</c>: an agent's viewer. Its connection is registered with the agent's grain, which pushes setup progress and session ends to it.</summary>
[Authorize(Policy = Policies.Agent)]
public sealed class AgentHub(LocalConnections connections) : Hub<IAgentClient>
{
    public override Task OnConnectedAsync() => connections.AddViewerAsync(Context.ConnectionId, Context.User!.AgentId());

    public override Task OnDisconnectedAsync(Exception? exception) => connections.RemoveAsync(Context.ConnectionId);
}
