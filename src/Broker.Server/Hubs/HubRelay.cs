using Broker.Contracts.Hubs;
using Broker.Grains.Connections;
using Broker.Server.Live;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>This host's <see cref="IConnectionRelay"/>: grains anywhere in the cluster push through it to connections held here.</summary>
public sealed class HubRelay(
    IHubContext<DeviceHub, IDeviceClient> devices,
    IHubContext<AgentHub, IAgentClient> agents,
    LiveFeeds feeds,
    DeviceContexts contexts) : IConnectionRelay
{
    public Task RequestConsent(string connectionId, Guid setupId, string agentName) =>
        devices.Clients.Client(connectionId).RequestConsent(setupId, agentName);

    public Task Enrolled(string connectionId, Guid deviceId, string deviceToken) =>
        devices.Clients.Client(connectionId).Enrolled(deviceId, deviceToken);

    public Task StartSession(string connectionId, Guid sessionId, string mode) =>
        contexts.IsHere(connectionId)
            ? devices.Clients.Client(connectionId).StartSession(sessionId, mode)
            : throw new InvalidOperationException("The connection is not held here (any more).");

    public Task Input(string connectionId, Guid sessionId, InputEvent input) =>
        devices.Clients.Client(connectionId).Input(sessionId, input);

    public Task EndSession(string connectionId, Guid sessionId, string reason) =>
        devices.Clients.Client(connectionId).EndSession(sessionId, reason);

    public Task Close(string connectionId, string reason)
    {
        contexts.Abort(connectionId);
        return Task.CompletedTask;
    }

    public Task SetupProgress(string connectionId, Guid sessionId, string state, string message) =>
        agents.Clients.Client(connectionId).SetupProgress(sessionId, state, message);

    public Task SessionEnded(string connectionId, Guid sessionId, string reason) =>
        agents.Clients.Client(connectionId).SessionEnded(sessionId, reason);

    public Task Frame(Guid sessionId, Frame frame)
    {
        feeds.Deliver(sessionId, frame);
        return Task.CompletedTask;
    }

    public Task SessionOver(Guid sessionId, string reason)
    {
        feeds.EndSession(sessionId, reason);
        return Task.CompletedTask;
    }

    public Task PresenceChanged(string[] connectionIds, PresenceUpdate update)
    {
        feeds.DeliverPresence(connectionIds, new PresenceChange(update.DeviceId, update.DeviceGroupId, update.Online, update.LastSeenAt, update.OpenSessions));
        return Task.CompletedTask;
    }
}
