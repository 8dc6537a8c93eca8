using Broker.Contracts.Hubs;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>
/// <c>/hubs/device</c>: the one persistent connection of each endpoint, enrolled (device token) or joined to an attended
/// session (session token). Thin: every call goes to the device's or the session's grain; a call that finds the device
/// removed closes the connection.
/// </summary>
[Authorize(Policy = Policies.Device)]
public sealed class DeviceHub(IGrainFactory grains, ILocalSiloDetails silo, LocalConnections connections, AuditTrail audit) : Hub<IDeviceClient>
{
    private bool IsCustomer => Context.User!.IsCustomer();

    private IDeviceGrain Device => grains.GetGrain<IDeviceGrain>(Context.User!.DeviceId());

    public override async Task OnConnectedAsync()
    {
        var accepted = IsCustomer
            ? await connections.AddCustomerAsync(Context.ConnectionId, Context.User!.SessionId())
            : await Device.Connect(Context.ConnectionId, silo.SiloAddress.ToString());
        if (!accepted)
        {
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        IsCustomer ? connections.RemoveAsync(Context.ConnectionId) : Device.Disconnect(Context.ConnectionId);

    /// <inheritdoc cref="IDeviceHub.Heartbeat"/>
    public async Task Heartbeat()
    {
        if (!IsCustomer && !await Device.Heartbeat(Context.ConnectionId))
        {
            Context.Abort();
        }
    }

    /// <inheritdoc cref="IDeviceHub.AnswerConsent"/>
    public async Task AnswerConsent(Guid setupId, bool allow, bool credentialStored)
    {
        if (!IsCustomer)
        {
            throw new HubException("Only the customer's endpoint in an attended session answers consent requests.");
        }

        var sessionId = Context.User!.SessionId();
        var answered = await grains.GetGrain<ISessionGrain>(sessionId).AnswerConsent(setupId, allow, credentialStored);
        await audit.RecordAsActorAsync("customer", "unattended-setup.consent", sessionId.ToString(),
            !answered.IsOk ? AuditOutcomes.Failure : allow ? AuditOutcomes.Success : AuditOutcomes.Denied,
            !answered.IsOk ? answered.Error : allow ? $"allowed; OS login stored: {(credentialStored ? "yes" : "no")}" : "declined");
        if (!answered.IsOk)
        {
            throw new HubException(answered.Error);
        }
    }

    /// <inheritdoc cref="IDeviceHub.SetCredentialStored"/>
    public async Task SetCredentialStored(bool credentialStored)
    {
        if (IsCustomer || !await Device.SetCredentialStored(credentialStored))
        {
            throw new HubException("Only an enrolled device can say whether it stores an OS login.");
        }

        var deviceId = Context.User!.DeviceId();
        await audit.RecordAsActorAsync($"device:{deviceId}", "device.credential", deviceId.ToString(), AuditOutcomes.Success,
            credentialStored ? "an OS login is stored on the device" : "the stored OS login was removed", deviceId);
    }
}
