using Broker.Contracts.Hubs;
using Broker.Grains.Connections;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>This host's <see cref="IConnectionRelay"/>: grains anywhere in the cluster push through it to connections held here.</summary>
public sealed class HubRelay(IHubContext<DeviceHub, IDeviceClient> devices, IHubContext<AgentHub, IAgentClient> agents) : IConnectionRelay
{
    public Task RequestConsent(string connectionId, Guid setupId, string agentName) =>
        devices.Clients.Client(connectionId).RequestConsent(setupId, agentName);

    public Task Enrolled(string connectionId, Guid deviceId, string deviceToken) =>
        devices.Clients.Client(connectionId).Enrolled(deviceId, deviceToken);

    public Task EndSession(string connectionId, Guid sessionId, string reason) =>
        devices.Clients.Client(connectionId).EndSession(sessionId, reason);

    public Task SetupProgress(string connectionId, Guid sessionId, string state, string message) =>
        agents.Clients.Client(connectionId).SetupProgress(sessionId, state, message);

    public Task SessionEnded(string connectionId, Guid sessionId, string reason) =>
        agents.Clients.Client(connectionId).SessionEnded(sessionId, reason);
}
