using Broker.Grains.Connections;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Orleans.Runtime.Placement;

namespace Broker.Grains.Tests;

/// <summary>An unattended session that an agent of the device's group started on a connected device.</summary>
public sealed record LiveSession(Guid Agent, Guid UserGroup, Guid DeviceGroup, Guid Device, Connection DeviceConnection, ISessionGrain Session)
{
    public Guid Id => Session.GetPrimaryKey();

    /// <summary>
    /// Enrols a device, connects it through <paramref name="deviceConnection"/> and starts a session on it; with
    /// <paramref name="sessionSilo"/>, the session's grain is activated on that silo first.
    /// </summary>
    public static async Task<LiveSession> StartAsync(IGrainFactory grains, Connection deviceConnection, SiloAddress? sessionSilo = null)
    {
        var userGroup = await grains.NewUserGroup();
        var deviceGroup = await grains.NewDeviceGroup();
        var agent = await grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: deviceGroup));
        var device = (await grains.NewDevice(deviceGroup)).DeviceId;
        Assert.True(await grains.GetGrain<IDeviceGrain>(device).Connect(deviceConnection));
        var session = grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        if (sessionSilo is not null)
        {
            await ActivateOn(session, sessionSilo);
        }

        var started = await session.StartUnattended(agent, device);
        Assert.True(started.IsOk, started.Error);
        return new(agent, userGroup, deviceGroup, device, deviceConnection, session);
    }

    /// <summary>Another agent who reaches the device's group, so may watch view-only.</summary>
    public Task<Guid> NewColleague(IGrainFactory grains) => grains.NewAgent(Accounts.Draft(UserGroup, deviceGroups: DeviceGroup));

    /// <summary>An agent with unattended permission whose device groups do not include the device's.</summary>
    public async Task<Guid> NewOutsider(IGrainFactory grains) =>
        await grains.NewAgent(Accounts.Draft(UserGroup, deviceGroups: await grains.NewDeviceGroup()));

    /// <summary>Starts watching from <paramref name="viewer"/>; asserts it was allowed.</summary>
    public async Task<WatchGrant> WatchAsync(Guid agentId, Connection viewer)
    {
        var granted = await Session.Watch(agentId, viewer);
        Assert.True(granted.IsOk, granted.Error);
        return granted.Value!;
    }

    private static async Task ActivateOn(ISessionGrain session, SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            // Any call activates the grain; this one changes nothing.
            await session.Get(Guid.Empty);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
