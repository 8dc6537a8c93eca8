using Broker.Grains.Agents;
using Broker.Grains.Common;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Orleans.Core.Internal;

namespace Broker.Grains.Tests;

/// <summary>How an unattended session ends (the agent, the device, the device going away) and who is told.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionEndingTests(ClusterFixture fixture)
{
    private readonly TestHost _deviceHost = fixture.Host(0);
    private readonly TestHost _ownerHost = fixture.Host(1);
    private readonly TestHost _colleagueHost = fixture.Host(2);

    private IGrainFactory Grains => fixture.Grains;

    private IEnumerable<string> EndsAtDevice => _deviceHost.Relay.To("device").Where(p => p.Contains(" EndSession ", StringComparison.Ordinal));

    /// <summary>
    /// A session watched by its agent (viewer "owner" on one host; the agent's second viewer "owner-idle" on another host
    /// watches nothing) and by a colleague ("colleague", on that other host).
    /// </summary>
    private async Task<LiveSession> WatchedSession()
    {
        var live = await LiveSession.StartAsync(Grains, _deviceHost.Connection("device"));
        var agent = Grains.GetGrain<IAgentGrain>(live.Agent);
        await agent.ConnectViewer(_ownerHost.Connection("owner"));
        await agent.ConnectViewer(_colleagueHost.Connection("owner-idle"));
        await live.WatchAsync(live.Agent, _ownerHost.Connection("owner"));
        await live.WatchAsync(await live.NewColleague(Grains), _colleagueHost.Connection("colleague"));
        return live;
    }

    private static string SessionOver(LiveSession live, string reason) => $"host SessionOver {live.Id} {reason}";

    private void AssertEveryViewerWasToldOnce(LiveSession live, string reason)
    {
        Assert.Equal([$"owner SessionEnded {reason}"], _ownerHost.Relay.To("owner"));
        Assert.Equal([$"owner-idle SessionEnded {reason}"], _colleagueHost.Relay.To("owner-idle"));
        Assert.Equal([$"colleague SessionEnded {reason}"], _colleagueHost.Relay.To("colleague"));
        Assert.Equal([SessionOver(live, reason)], _ownerHost.Relay.To("host"));
        Assert.Equal([SessionOver(live, reason)], _colleagueHost.Relay.To("host"));
    }

    private async Task AssertEnded(LiveSession live, string reason)
    {
        var view = (await live.Session.Get(live.Agent)).Value!;
        Assert.Equal((SessionStates.Ended, reason), (view.State, view.EndedReason));
    }

    [Fact]
    public async Task The_agent_ending_a_session_tells_the_device_every_viewer_host_and_every_viewer()
    {
        var live = await WatchedSession();
        const string Reason = "The agent ended the session.";

        var ended = await live.Session.End(live.Agent);

        Assert.True(ended.IsOk, ended.Error);
        Assert.Equal((SessionStates.Ended, Reason), (ended.Value!.State, ended.Value.EndedReason));
        Assert.Equal([$"device EndSession {Reason}"], EndsAtDevice);
        Assert.Equal([SessionOver(live, Reason)], _deviceHost.Relay.To("host"));
        AssertEveryViewerWasToldOnce(live, Reason);
    }

    [Fact]
    public async Task Only_the_session_s_agent_ends_it()
    {
        var live = await WatchedSession();
        var colleague = await live.NewColleague(Grains);

        Assert.Equal(OutcomeKind.NotFound, (await live.Session.End(colleague)).Kind);

        Assert.Equal(SessionStates.Active, (await live.Session.Get(live.Agent)).Value!.State);
        Assert.Empty(EndsAtDevice);
    }

    [Fact]
    public async Task The_device_s_connection_closing_ends_the_session_and_the_viewers_are_told()
    {
        var live = await WatchedSession();
        var device = Grains.GetGrain<IDeviceGrain>(live.Device);

        await device.Disconnect("device");

        const string Reason = "The device went offline.";
        await AssertEnded(live, Reason);
        AssertEveryViewerWasToldOnce(live, Reason);
    }

    [Fact]
    public async Task A_device_connecting_anew_ends_the_sessions_of_its_earlier_connection_and_stays_online()
    {
        // The endpoint lost its connection (its host died before telling anyone) and stopped streaming with it; it is
        // back on a new connection before its old one timed out.
        var live = await WatchedSession();
        var device = Grains.GetGrain<IDeviceGrain>(live.Device);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await device.Connect(_colleagueHost.Connection("device-2")));

        await AssertEnded(live, DeviceGrain.ReconnectedReason);
        AssertEveryViewerWasToldOnce(live, DeviceGrain.ReconnectedReason);
        Assert.True((await device.Describe())!.Online);
        var next = await Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).StartUnattended(live.Agent, live.Device);
        Assert.True(next.IsOk, next.Error);
        Assert.Contains(_colleagueHost.Relay.To("device-2"), p => p.Contains(" StartSession ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_whose_heartbeats_stop_ends_its_sessions_once_it_times_out()
    {
        var live = await WatchedSession();

        fixture.Clock.Advance(new PresenceOptions().Timeout + TimeSpan.FromSeconds(1));

        const string Reason = "The device went offline.";
        await Eventually.HoldsAsync(
            () => _ownerHost.Relay.To("owner").Any(),
            () => "the presence timer ended the session of the silent device");
        await AssertEnded(live, Reason);
        AssertEveryViewerWasToldOnce(live, Reason);
    }

    [Fact]
    public async Task A_device_going_offline_ends_its_sessions_even_after_its_grain_was_reactivated()
    {
        var live = await WatchedSession();
        var device = Grains.GetGrain<IDeviceGrain>(live.Device);

        // The device's grain moves on (its silo stopped, say) while the session and the endpoint's connection carry on:
        // the host's next heartbeat re-registers the connection, the next frame re-attaches the upload.
        await device.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.True(await device.Heartbeat(live.DeviceConnection));
        Assert.True(await _deviceHost.Grains.GetGrain<ISessionGrain>(live.Id).PushFrame(live.Device, live.DeviceConnection, Frames.Make(live.Id, 1)));

        await device.Disconnect("device");

        const string Reason = "The device went offline.";
        await AssertEnded(live, Reason);
        AssertEveryViewerWasToldOnce(live, Reason);
    }

    [Fact]
    public async Task The_device_ends_its_own_session_but_no_other()
    {
        var live = await WatchedSession();
        var otherDevice = (await Grains.NewDevice(live.DeviceGroup)).DeviceId;

        Assert.Equal(OutcomeKind.NotFound, (await live.Session.EndByDevice(otherDevice, "not mine")).Kind);
        Assert.Equal(SessionStates.Active, (await live.Session.Get(live.Agent)).Value!.State);

        var ended = await live.Session.EndByDevice(live.Device, "The user closed the session.");

        Assert.True(ended.IsOk, ended.Error);
        const string Reason = "The device ended the session: The user closed the session.";
        await AssertEnded(live, Reason);
        AssertEveryViewerWasToldOnce(live, Reason);
        Assert.Empty(EndsAtDevice);
    }

    [Fact]
    public async Task A_device_cannot_end_an_attended_session()
    {
        var userGroup = await Grains.NewUserGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup));
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        Assert.True((await session.StartAttended(agent)).IsOk);

        Assert.Equal(OutcomeKind.NotFound, (await session.EndByDevice(Guid.NewGuid(), "")).Kind);
        Assert.Equal(SessionStates.Waiting, (await session.Get(agent)).Value!.State);
    }
}
