using System.Runtime.CompilerServices;
using Broker.Contracts.Hubs;
using Broker.Grains.Agents;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Broker.Server.Auth;
using Broker.Server.Live;
using Broker.Server.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>
/// <c>/hubs/agent</c>: an agent's viewer. Its connection is registered with the agent's grain, which pushes setup
/// progress and session ends to it; its streams (frames of a session, presence of its device groups) are fed by this
/// host's relay from the grains that own them.
/// </summary>
[Authorize(Policy = Policies.Agent)]
public sealed class AgentHub(IGrainFactory grains, LocalConnections connections, LiveFeeds feeds, BrokerMetrics metrics) : Hub<IAgentClient>, IAgentHub
{
    private Guid AgentId => Context.User!.AgentId();

    public override Task OnConnectedAsync() => connections.AddViewerAsync(Context.ConnectionId, AgentId);

    public override Task OnDisconnectedAsync(Exception? exception) => connections.RemoveAsync(Context.ConnectionId);

    /// <inheritdoc cref="IAgentHub.WatchSession"/>
    public async IAsyncEnumerable<Frame> WatchSession(Guid sessionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The feed exists before the grain knows of the viewer, so no frame sent after the grant is missed.
        var feed = feeds.AddViewer(sessionId, Context.ConnectionId);
        try
        {
            var granted = await connections.WatchAsync(Context.ConnectionId, AgentId, sessionId);
            if (!granted.IsOk)
            {
                throw new HubException(granted.Error);
            }

            await foreach (var frame in feed.Reader.ReadAllAsync(cancellationToken))
            {
                metrics.FrameRelayed();
                yield return frame;
            }
        }
        finally
        {
            feeds.RemoveViewer(feed);
            await connections.UnwatchAsync(Context.ConnectionId, sessionId);
        }
    }

    /// <inheritdoc cref="IAgentHub.SendInput"/>
    public async Task SendInput(Guid sessionId, InputEvent input)
    {
        if (input is null || string.IsNullOrWhiteSpace(input.Kind) || input.Kind.Length > 32 || input.Text?.Length > 4096 || input.Key?.Length > 64)
        {
            throw new HubException("An input event needs a kind (at most 32 characters); key is at most 64 characters, text at most 4096.");
        }

        var sent = await grains.GetGrain<ISessionGrain>(sessionId).SendInput(AgentId, input);
        if (!sent.IsOk)
        {
            throw new HubException(sent.Error);
        }
    }

    /// <inheritdoc cref="IAgentHub.WatchPresence"/>
    public async IAsyncEnumerable<PresenceChange> WatchPresence([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var profile = await grains.GetGrain<IAgentGrain>(AgentId).GetProfile();
        if (!profile.IsOk)
        {
            throw new HubException(profile.Error);
        }

        var groups = profile.Value!.DeviceGroups.Select(g => g.Id).ToArray();
        var feed = feeds.AddPresence(Context.ConnectionId, groups);
        try
        {
            // Watch first, then read the present: a change in between arrives twice, never not at all.
            await connections.WatchPresenceAsync(feed);
            var now = await grains.GetGrain<IDeviceQueryGrain>(0).Find(AgentId, new DeviceFilter());
            foreach (var device in now.SelectMany(group => group.Devices))
            {
                yield return new PresenceChange(device.Id, device.DeviceGroupId, device.Online, device.LastSeenAt, device.OpenSessions);
            }

            await foreach (var change in feed.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            feeds.RemovePresence(feed);
            await connections.UnwatchPresenceAsync(feed);
        }
    }
}
