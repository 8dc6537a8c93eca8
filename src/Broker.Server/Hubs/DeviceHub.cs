using Broker.Contracts.Hubs;
using Broker.Grains.Devices;
using Broker.Server.Audit;
using Broker.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Server.Hubs;

/// <summary>
/// <c>/hubs/device</c>: the one persistent connection of each endpoint. Thin: every call goes to the device's grain,
/// which keeps presence; a call that finds the device removed closes the connection.
/// </summary>
[Authorize(Policy = Policies.Device)]
public sealed class DeviceHub(IGrainFactory grains, ILocalSiloDetails silo, AuditTrail audit) : Hub<IDeviceClient>
{
    private IDeviceGrain Device => grains.GetGrain<IDeviceGrain>(Context.User!.DeviceId());

    public override async Task OnConnectedAsync()
    {
        if (!await Device.Connect(Context.ConnectionId, silo.SiloAddress.ToString()))
        {
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) => Device.Disconnect(Context.ConnectionId);

    /// <inheritdoc cref="IDeviceHub.Heartbeat"/>
    public async Task Heartbeat()
    {
        if (!await Device.Heartbeat(Context.ConnectionId))
        {
            Context.Abort();
        }
    }

    /// <inheritdoc cref="IDeviceHub.SetCredentialStored"/>
    public async Task SetCredentialStored(bool credentialStored)
    {
        if (!await Device.SetCredentialStored(credentialStored))
        {
            throw new HubException("This device's unattended access was removed.");
        }

        var deviceId = Context.User!.DeviceId();
        await audit.RecordAsActorAsync($"device:{deviceId}", "device.credential", deviceId.ToString(), AuditOutcomes.Success,
            credentialStored ? "an OS login is stored on the device" : "the stored OS login was removed", deviceId);
    }
}
