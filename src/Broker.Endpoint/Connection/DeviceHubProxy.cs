using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>The device hub's methods as the contract names them, called over one connection.</summary>
internal sealed class DeviceHubProxy(HubConnection connection, CancellationToken stopping) : IDeviceHub
{
    public Task Heartbeat() => connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), stopping);

    public Task AnswerConsent(Guid setupId, bool allow, bool credentialStored) =>
        connection.InvokeAsync(nameof(IDeviceHub.AnswerConsent), setupId, allow, credentialStored, stopping);

    public Task SetCredentialStored(bool credentialStored) =>
        connection.InvokeAsync(nameof(IDeviceHub.SetCredentialStored), credentialStored, stopping);

    public Task UploadFrames(Guid sessionId, IAsyncEnumerable<Frame> frames) =>
        connection.InvokeAsync(nameof(IDeviceHub.UploadFrames), sessionId, frames, stopping);

    public Task EndSession(Guid sessionId, string reason) =>
        connection.InvokeAsync(nameof(IDeviceHub.EndSession), sessionId, reason, stopping);
}
