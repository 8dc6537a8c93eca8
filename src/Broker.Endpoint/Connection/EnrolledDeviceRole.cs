using Broker.Contracts.Hubs;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Identity;
using Broker.Endpoint.Sessions;
using Broker.Endpoint.Vault;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint.Connection;

/// <summary>
/// <c>run</c>: this computer connects as the enrolled device of its identity file, with its device token, heartbeats,
/// answers consent requests, and hands sessions to the session handler.
/// </summary>
internal sealed class EnrolledDeviceRole(
    IdentityStore store,
    EndpointIdentity enrolled,
    TimeSpan heartbeat,
    IConsentPrompt consent,
    ISessionHandler sessions,
    TextWriter status,
    TextWriter errors) : IDeviceHubRole
{
    private EndpointIdentity identity = enrolled;

    private EndpointIdentity Identity => Volatile.Read(ref identity);

    public string Server => Identity.Server;

    public string AccessToken => Identity.DeviceToken;

    public TimeSpan? Heartbeat => heartbeat;

    public void Attach(HubConnection connection, IDeviceHub hub, HubControl control, CancellationToken stopping) =>
        new DeviceClient(
            hub, sessions, consent, new CredentialVault(store.Directory),
            (deviceId, deviceToken) => ReplaceIdentityAsync(deviceId, deviceToken, control), new DeviceConsentReport(status), errors, stopping)
            .Attach(connection);

    public Task ConnectedAsync() => status.WriteLineAsync($"Connected to {Identity.Server} as {Identity.DeviceId}");

    /// <summary>Nothing to say: the device's sessions end when the broker sees it go offline, as for a lost connection.</summary>
    public Task LeavingAsync(HubConnection connection, CancellationToken timeout) => Task.CompletedTask;

    public async Task<int> RefusedAsync()
    {
        var server = Identity.Server;
        await errors.WriteLineAsync(
            $"error: {server} refused this computer's device token: this computer's unattended access was removed, or it was enrolled again elsewhere.");
        await errors.WriteLineAsync($"  re-enrol with: broker-endpoint setup --server {server}");
        await errors.WriteLineAsync(
            $"  or delete {store.Path} and run the device group's installer again (broker-endpoint run --server {server} --enrollment-code CODE)");
        return ExitCodes.DeviceRemoved;
    }

    /// <summary>
    /// The broker enrolled this computer and handed it a new identity: keep it, and connect again as that device. The
    /// call names no nickname or group (the agent chose them), so those are unknown here until the next enrolment.
    /// </summary>
    private async Task ReplaceIdentityAsync(Guid deviceId, string deviceToken, HubControl control)
    {
        var replaced = Identity with { DeviceId = deviceId, DeviceToken = deviceToken, DeviceGroupId = null, Nickname = null };
        store.Save(replaced);
        Volatile.Write(ref identity, replaced);
        await status.WriteLineAsync($"Enrolled as device {deviceId} by an agent; connecting again with the new device token");
        control.Restart();
    }
}
