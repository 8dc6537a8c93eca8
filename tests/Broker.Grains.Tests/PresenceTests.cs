using Broker.Grains.Agents;
using Broker.Grains.DeviceGroups;
using Broker.Grains.Devices;
using Broker.Grains.Sessions;
using Orleans.Core.Internal;

namespace Broker.Grains.Tests;

/// <summary>A device's presence: online while its endpoint is connected and beating, pushed to its group's watchers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PresenceTests(ClusterFixture fixture)
{
    private readonly TestHost _deviceHost = fixture.Host(0);
    private readonly TestHost _hostA = fixture.Host(1);
    private readonly TestHost _hostB = fixture.Host(2);

    private IGrainFactory Grains => fixture.Grains;

    /// <summary>Two watchers of the group on host A, one on host B.</summary>
    private async Task WatchGroup(Guid deviceGroupId)
    {
        var group = Grains.GetGrain<IDeviceGroupGrain>(deviceGroupId);
        await group.WatchPresence(_hostA.Connection("watcher-a1"));
        await group.WatchPresence(_hostA.Connection("watcher-a2"));
        await group.WatchPresence(_hostB.Connection("watcher-b"));
    }

    private async Task<(Guid Group, IDeviceGrain Device)> WatchedDevice()
    {
        var group = await Grains.NewDeviceGroup();
        var device = Grains.GetGrain<IDeviceGrain>((await Grains.NewDevice(group)).DeviceId);
        await WatchGroup(group);
        return (group, device);
    }

    /// <summary>Each presence change of the device reached host A's watchers and host B's watcher in one call per host.</summary>
    private void AssertWatchersWereTold(Guid group, IDeviceGrain device, params bool[] changes)
    {
        foreach (var (host, watchers) in new[] { (_hostA, new[] { "watcher-a1", "watcher-a2" }), (_hostB, new[] { "watcher-b" }) })
        {
            var calls = host.Relay.PresenceCalls.ToArray();
            Assert.Equal(changes, calls.Select(c => c.Update.Online));
            Assert.All(calls, call =>
            {
                Assert.Equal(watchers, call.ConnectionIds.Order());
                Assert.Equal((device.GetPrimaryKey(), group), (call.Update.DeviceId, call.Update.DeviceGroupId));
            });
        }
    }

    [Fact]
    public async Task The_group_s_watchers_see_a_device_come_online_and_go_offline_in_one_call_per_host()
    {
        var (group, device) = await WatchedDevice();

        Assert.True(await device.Connect(_deviceHost.Connection("device")));
        AssertWatchersWereTold(group, device, true);
        Assert.True((await device.Describe())!.Online);

        await device.Disconnect("device");
        AssertWatchersWereTold(group, device, true, false);
        var offline = _hostB.Relay.PresenceCalls.Last().Update;
        Assert.Equal(fixture.Clock.GetUtcNow(), offline.LastSeenAt);
        Assert.False((await device.Describe())!.Online);
    }

    [Fact]
    public async Task Watchers_of_another_group_hear_nothing()
    {
        var (_, device) = await WatchedDevice();
        var otherGroup = await Grains.NewDeviceGroup();
        await Grains.GetGrain<IDeviceGroupGrain>(otherGroup).WatchPresence(_deviceHost.Connection("other-watcher"));

        await device.Connect(_deviceHost.Connection("device"));
        await device.Disconnect("device");

        Assert.Empty(_deviceHost.Relay.PresenceCalls);
    }

    [Fact]
    public async Task A_watcher_that_stopped_watching_hears_nothing_more()
    {
        var (group, device) = await WatchedDevice();
        await Grains.GetGrain<IDeviceGroupGrain>(group).UnwatchPresence("watcher-b");

        await device.Connect(_deviceHost.Connection("device"));

        Assert.Single(_hostA.Relay.PresenceCalls);
        Assert.Empty(_hostB.Relay.PresenceCalls);
    }

    [Fact]
    public async Task The_group_s_watchers_see_how_many_sessions_are_open_on_an_online_device()
    {
        var (group, device) = await WatchedDevice();
        await device.Connect(_deviceHost.Connection("device"));
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.True((await device.OpenSession(first, "control")).IsOk);
        Assert.True((await device.OpenSession(second, "control")).IsOk);
        await device.CloseSession(first);
        await Eventually.HoldsAsync(
            () => _hostA.Relay.PresenceCalls.Count == 4 && _hostB.Relay.PresenceCalls.Count == 4, () => "the one-way close reached the watchers");

        // Going offline ends the other session: the offline change says none is open, with no "online" push before it.
        await device.Disconnect("device");
        AssertWatchersWereTold(group, device, true, true, true, true, false);
        Assert.Equal([0, 1, 2, 1, 0], _hostB.Relay.PresenceCalls.Select(call => call.Update.OpenSessions));
    }

    [Fact]
    public async Task A_heartbeat_that_arrives_after_its_connection_closed_brings_nothing_back()
    {
        var (group, device) = await WatchedDevice();
        await device.Connect(_deviceHost.Connection("closed"));
        await device.Connect(_deviceHost.Connection("new"));
        var session = Guid.NewGuid();
        Assert.True((await device.OpenSession(session, "control")).IsOk);
        await device.Disconnect("closed");

        // Still under way as its connection closed (a beat on behalf of an upload, say): ignored, and the session the
        // device runs on its new connection goes on.
        Assert.True(await device.Heartbeat(_deviceHost.Connection("closed")));
        await device.Disconnect("new");

        AssertWatchersWereTold(group, device, true, true, false);
        Assert.False((await device.Describe())!.Online);
    }

    [Fact]
    public async Task A_device_with_two_connections_stays_online_until_the_last_one_closes()
    {
        var (group, device) = await WatchedDevice();
        await device.Connect(_deviceHost.Connection("device-1"));
        await device.Connect(_hostA.Connection("device-2"));

        await device.Disconnect("device-1");
        AssertWatchersWereTold(group, device, true);
        Assert.True((await device.Describe())!.Online);

        await device.Disconnect("device-2");
        AssertWatchersWereTold(group, device, true, false);
    }

    [Fact]
    public async Task A_device_that_keeps_beating_stays_online_and_one_that_falls_silent_goes_offline_after_the_timeout()
    {
        var (group, device) = await WatchedDevice();
        var timeout = new PresenceOptions().Timeout;
        await device.Connect(_deviceHost.Connection("device"));

        fixture.Clock.Advance(timeout * 2 / 3);
        Assert.True(await device.Heartbeat(_deviceHost.Connection("device")));
        fixture.Clock.Advance(timeout * 2 / 3);
        Assert.True((await device.Describe())!.Online);
        AssertWatchersWereTold(group, device, true);

        fixture.Clock.Advance(timeout);

        // The timer pushes to both hosts in parallel: either one may hear first.
        await Eventually.HoldsAsync(
            () => _hostA.Relay.PresenceCalls.Count == 2 && _hostB.Relay.PresenceCalls.Count == 2,
            () => "the presence timer reported the silent device offline to both hosts");
        AssertWatchersWereTold(group, device, true, false);
        Assert.False((await device.Describe())!.Online);
    }

    [Fact]
    public async Task A_device_that_fell_silent_was_last_seen_at_its_last_heartbeat()
    {
        var (_, device) = await WatchedDevice();
        await device.Connect(_deviceHost.Connection("device"));
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await device.Heartbeat(_deviceHost.Connection("device")));
        var lastBeat = fixture.Clock.GetUtcNow();

        fixture.Clock.Advance(new PresenceOptions().Timeout + TimeSpan.FromSeconds(1));

        await Eventually.HoldsAsync(() => _hostB.Relay.PresenceCalls.Count == 2, () => "the presence timer reported the silent device offline");
        Assert.Equal(lastBeat, _hostB.Relay.PresenceCalls.Last().Update.LastSeenAt);
        Assert.Equal(lastBeat, (await device.Describe())!.LastSeenAt);
    }

    [Fact]
    public async Task A_heartbeat_on_a_connection_a_reactivated_grain_does_not_know_registers_it_and_brings_the_device_online()
    {
        var userGroup = await Grains.NewUserGroup();
        var group = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: group));
        var device = Grains.GetGrain<IDeviceGrain>((await Grains.NewDevice(group)).DeviceId);
        await device.Connect(_deviceHost.Connection("device"));
        await WatchGroup(group);

        // The grain's activation goes (its silo stopped, say): presence lived in memory, so the new one knows no connection.
        await device.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.False((await device.Describe())!.Online);

        Assert.True(await device.Heartbeat(_deviceHost.Connection("device")));

        Assert.True((await device.Describe())!.Online);
        AssertWatchersWereTold(group, device, true);
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        Assert.True((await session.StartUnattended(agent, device.GetPrimaryKey())).IsOk);
        Assert.Contains($"device StartSession {session.GetPrimaryKey()} {SessionGrain.Unattended}", _deviceHost.Relay.To("device"));
    }

    [Fact]
    public async Task Removing_a_device_closes_its_connection_ends_its_sessions_and_reports_it_offline()
    {
        var live = await LiveSession.StartAsync(Grains, _deviceHost.Connection("device"));
        await Grains.GetGrain<IAgentGrain>(live.Agent).ConnectViewer(_hostA.Connection("owner"));
        await live.WatchAsync(live.Agent, _hostA.Connection("owner"));
        await WatchGroup(live.DeviceGroup);
        var device = Grains.GetGrain<IDeviceGrain>(live.Device);
        const string Reason = "The device's unattended access was removed.";

        Assert.True((await device.Remove(live.Agent)).IsOk);

        Assert.Contains($"device Close {Reason}", _deviceHost.Relay.To("device"));
        var view = (await live.Session.Get(live.Agent)).Value!;
        Assert.Equal((SessionStates.Ended, Reason), (view.State, view.EndedReason));
        Assert.Contains($"owner SessionEnded {Reason}", _hostA.Relay.To("owner"));
        AssertWatchersWereTold(live.DeviceGroup, device, false);
        Assert.False(await device.Heartbeat(_deviceHost.Connection("device")));
        Assert.False(await device.Connect(_deviceHost.Connection("device")));
    }

    [Fact]
    public async Task Enrolling_the_machine_again_closes_the_connections_made_with_the_old_token()
    {
        var userGroup = await Grains.NewUserGroup();
        var group = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: group));
        var machine = Machines.NewMachine();
        var first = await Grains.NewDevice(group, machine);
        var device = Grains.GetGrain<IDeviceGrain>(first.DeviceId);
        await device.Connect(_deviceHost.Connection("old-token"));
        var session = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());
        Assert.True((await session.StartUnattended(agent, first.DeviceId)).IsOk);
        await WatchGroup(group);
        const string Reason = "The device was enrolled again with a new token.";

        var again = await Grains.NewDevice(group, machine);

        Assert.Equal(first.DeviceId, again.DeviceId);
        Assert.Contains($"old-token Close {Reason}", _deviceHost.Relay.To("old-token"));
        Assert.Equal((SessionStates.Ended, Reason), ((await session.Get(agent)).Value!.State, (await session.Get(agent)).Value!.EndedReason));
        AssertWatchersWereTold(group, device, false);
        Assert.False(await device.VerifyToken(first.DeviceToken));

        Assert.True(await device.Connect(_deviceHost.Connection("new-token")));
        AssertWatchersWereTold(group, device, false, true);
    }

    [Fact]
    public async Task Moving_an_online_device_tells_the_watchers_of_both_groups()
    {
        var userGroup = await Grains.NewUserGroup();
        var from = await Grains.NewDeviceGroup();
        var to = await Grains.NewDeviceGroup();
        var agent = await Grains.NewAgent(Accounts.Draft(userGroup, deviceGroups: [from, to]));
        var device = Grains.GetGrain<IDeviceGrain>((await Grains.NewDevice(from)).DeviceId);
        await device.Connect(_deviceHost.Connection("device"));
        await Grains.GetGrain<IDeviceGroupGrain>(from).WatchPresence(_hostA.Connection("watcher-from"));
        await Grains.GetGrain<IDeviceGroupGrain>(to).WatchPresence(_hostB.Connection("watcher-to"));

        Assert.True((await device.Move(agent, to)).IsOk);

        // The new group's watchers learn the device is there and online; the old group's learn it is no longer theirs.
        var toldNew = Assert.Single(_hostB.Relay.PresenceCalls).Update;
        Assert.Equal((device.GetPrimaryKey(), to, true), (toldNew.DeviceId, toldNew.DeviceGroupId, toldNew.Online));
        var toldOld = Assert.Single(_hostA.Relay.PresenceCalls).Update;
        Assert.Equal(device.GetPrimaryKey(), toldOld.DeviceId);
        Assert.True(toldOld.DeviceGroupId == to || !toldOld.Online, "the old group's watchers still see the device online in their group");
    }

    [Fact]
    public async Task Enrolling_an_online_machine_into_another_group_tells_the_old_group_s_watchers_it_went_offline()
    {
        var from = await Grains.NewDeviceGroup();
        var to = await Grains.NewDeviceGroup();
        var machine = Machines.NewMachine();
        var device = Grains.GetGrain<IDeviceGrain>((await Grains.NewDevice(from, machine)).DeviceId);
        await device.Connect(_deviceHost.Connection("old-token"));
        await Grains.GetGrain<IDeviceGroupGrain>(from).WatchPresence(_hostA.Connection("watcher-from"));

        // The other group's installer on the same machine: the same device, now in the other group, its connection closed.
        Assert.Equal(device.GetPrimaryKey(), (await Grains.NewDevice(to, machine)).DeviceId);

        Assert.Contains(_deviceHost.Relay.To("old-token"), p => p.Contains(" Close ", StringComparison.Ordinal));
        var told = Assert.Single(_hostA.Relay.PresenceCalls).Update;
        Assert.Equal((device.GetPrimaryKey(), false), (told.DeviceId, told.Online));
    }
}
