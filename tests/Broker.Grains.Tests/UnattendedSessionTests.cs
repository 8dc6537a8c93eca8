using Broker.Contracts.Agents;
using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;

namespace Broker.Grains.Tests;

/// <summary>Starting an unattended session: who may, on which device, and what the device is told.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UnattendedSessionTests(ClusterFixture fixture)
{
    private readonly TestHost _deviceHost = fixture.Host(0);

    private IGrainFactory Grains => fixture.Grains;

    private IEnumerable<string> StartsPushed => _deviceHost.Relay.Pushed.Where(p => p.Contains(" StartSession ", StringComparison.Ordinal));

    /// <summary>An agent of a user group with the given settings, and an enrolled device of one of the agent's groups.</summary>
    private async Task<(Guid Agent, Guid Device)> AgentAndDevice(
        bool groupAllows = true, UnattendedSupportOverride agentOverride = UnattendedSupportOverride.Inherit, bool connected = true)
    {
        var userGroup = await Grains.NewUserGroup(unattended: groupAllows);
        var deviceGroup = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, unattended: agentOverride, deviceGroups: deviceGroup));
        var device = (await Grains.NewDevice(deviceGroup)).DeviceId;
        if (connected)
        {
            Assert.True(await Grains.GetGrain<IDeviceGrain>(device).Connect(_deviceHost.Connection("device")));
        }

        return (agent, device);
    }

    private ISessionGrain NewSession() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid());

    [Fact]
    public async Task An_agent_outside_the_device_s_group_is_told_the_device_does_not_exist()
    {
        var (_, device) = await AgentAndDevice();
        var outsider = await Grains.NewAgent(Accounts.Draft(await Grains.NewUserGroup(), deviceGroups: await Grains.NewDeviceGroup()));

        var refused = await NewSession().StartUnattended(outsider, device);

        Assert.Equal(OutcomeKind.NotFound, refused.Kind);
        Assert.Equal(OutcomeKind.NotFound, (await NewSession().StartUnattended(outsider, Guid.NewGuid())).Kind);
        Assert.Empty(StartsPushed);
    }

    [Theory]
    [InlineData(false, UnattendedSupportOverride.Inherit)]
    [InlineData(true, UnattendedSupportOverride.Deny)]
    [InlineData(false, UnattendedSupportOverride.Deny)]
    public async Task An_agent_without_unattended_permission_is_forbidden_to_connect(bool groupAllows, UnattendedSupportOverride agentOverride)
    {
        var (agent, device) = await AgentAndDevice(groupAllows, agentOverride);
        var session = NewSession();

        var refused = await session.StartUnattended(agent, device);

        Assert.Equal(OutcomeKind.Forbidden, refused.Kind);
        Assert.Equal("Your permissions do not allow unattended support.", refused.Error);
        Assert.Empty(StartsPushed);
        Assert.Equal(OutcomeKind.NotFound, (await session.Get(agent)).Kind);
    }

    [Fact]
    public async Task The_agent_override_allows_a_session_when_the_user_group_does_not()
    {
        var (agent, device) = await AgentAndDevice(groupAllows: false, UnattendedSupportOverride.Allow);

        var started = await NewSession().StartUnattended(agent, device);

        Assert.True(started.IsOk, started.Error);
        Assert.Single(StartsPushed);
    }

    [Fact]
    public async Task A_device_that_went_offline_cannot_be_connected_to()
    {
        var (agent, device) = await AgentAndDevice();
        await Grains.GetGrain<IDeviceGrain>(device).Disconnect("device");

        var refused = await NewSession().StartUnattended(agent, device);

        Assert.Equal((OutcomeKind.Conflict, "The device is offline."), (refused.Kind, refused.Error));
        Assert.Empty(StartsPushed);
    }

    [Fact]
    public async Task A_device_that_never_connected_cannot_be_connected_to()
    {
        var (agent, device) = await AgentAndDevice(connected: false);

        var refused = await NewSession().StartUnattended(agent, device);

        Assert.Equal((OutcomeKind.Conflict, "The device is offline."), (refused.Kind, refused.Error));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_started_session_tells_the_device_and_says_whether_an_os_login_is_stored(bool credentialStored)
    {
        var (agent, device) = await AgentAndDevice();
        Assert.True(await Grains.GetGrain<IDeviceGrain>(device).SetCredentialStored(credentialStored));
        var session = NewSession();

        var started = await session.StartUnattended(agent, device);

        Assert.True(started.IsOk, started.Error);
        var view = started.Value!;
        Assert.Equal((SessionGrain.Unattended, SessionStates.Active, device, agent), (view.Kind, view.State, view.DeviceId, view.AgentId));
        Assert.Equal(credentialStored, view.CredentialStored);
        Assert.Equal(credentialStored, (await session.Get(agent)).Value!.CredentialStored);
        Assert.Equal($"device StartSession {session.GetPrimaryKey()} {SessionGrain.Unattended}", Assert.Single(StartsPushed));
    }

    [Fact]
    public async Task The_device_is_told_on_the_connection_that_beat_last()
    {
        var (agent, device) = await AgentAndDevice();
        var grain = Grains.GetGrain<IDeviceGrain>(device);
        Assert.True(await grain.Connect(_deviceHost.Connection("device-2")));
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await grain.Heartbeat(_deviceHost.Connection("device")));

        var started = await NewSession().StartUnattended(agent, device);

        Assert.True(started.IsOk, started.Error);
        Assert.StartsWith("device StartSession ", Assert.Single(StartsPushed));
    }

    [Fact]
    public async Task A_session_id_starts_one_session_only()
    {
        var (agent, device) = await AgentAndDevice();
        var session = NewSession();
        Assert.True((await session.StartUnattended(agent, device)).IsOk);

        Assert.Equal(OutcomeKind.Conflict, (await session.StartUnattended(agent, device)).Kind);
        Assert.Single(StartsPushed);
    }

    [Fact]
    public async Task An_agent_who_loses_the_device_s_group_can_no_longer_start_sessions_on_it()
    {
        var (agent, device) = await AgentAndDevice();
        Assert.True((await Grains.GetGrain<IAgentGrain>(agent).Update(new AgentChanges(DeviceGroupIds: []))).IsOk);

        Assert.Equal(OutcomeKind.NotFound, (await NewSession().StartUnattended(agent, device)).Kind);
    }
}
