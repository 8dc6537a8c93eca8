using System.Net;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Devices;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Broker.Server.Tests.LiveScene;

namespace Broker.Server.Tests;

/// <summary>
/// Unattended sessions across three hosts of one cluster: the device on host B, its agent's viewer on host A, a
/// colleague's on host C; real SignalR clients with JSON and MessagePack.
/// </summary>
[Collection(HostClusterCollection.Name)]
public sealed class LiveSessionTests(HostCluster cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Frames_from_a_device_on_one_host_reach_a_viewer_on_another_in_order(bool messagePack)
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B, messagePack);
        var session = await scene.StartedSessionAsync();
        Assert.Equal((session.SessionId, "unattended"), await Next(device.Started));
        Assert.Equal((scene.Device.DeviceId, false), (session.DeviceId, session.CredentialStored));
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent, messagePack);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (frames, upload) = device.Upload(session.SessionId);

        // Frames until the viewer has one (its watch is registered by then), then fifty more.
        var seq = await FramesUntilSeenAsync(frames.Writer, received, session.SessionId, bytes: 32 * 1024, everyMilliseconds: 10);

        var last = seq + 50;
        while (seq < last)
        {
            await frames.Writer.WriteAsync(FrameOf(session.SessionId, ++seq, 32 * 1024), Cancel);
        }

        var seen = new List<Frame>();
        while (seen.Count == 0 || seen[^1].Seq != last)
        {
            seen.Add(await Next(received));
        }

        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second.Seq > pair.First.Seq, $"frame {pair.Second.Seq} came after {pair.First.Seq}"));
        Assert.All(seen, frame => Assert.Equal(FrameData(frame.Seq, 32 * 1024), frame.Data));
        Assert.All(seen, frame => Assert.Equal((session.SessionId, FrameCodecs.Png, 64, 48), (frame.SessionId, frame.Codec, frame.Width, frame.Height)));
        frames.Writer.Complete();
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
    }

    [Fact]
    public async Task A_viewer_that_stops_reading_skips_stale_frames_while_the_device_and_another_viewer_go_on()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B, messagePack: true);
        var session = await scene.StartedSessionAsync();
        await using var fast = await ViewerAsync(cluster.A, scene.Agent, messagePack: true);
        var fastFrames = fast.Watch(session.SessionId, Cancel);
        using var slow = await RawViewer.WatchAsync(cluster.C, TokenOf(scene.Colleague), session.SessionId);
        var (frames, upload) = device.Upload(session.SessionId);

        // Frames until both viewers have one: a viewer's watch may reach the session's grain after a first frame passed.
        var slowFirst = slow.WaitForFirstFrameAsync();
        var seq = 0L;
        while ((!slowFirst.IsCompleted || !fastFrames.Reader.TryPeek(out _)) && seq < 1500)
        {
            await frames.Writer.WriteAsync(FrameOf(session.SessionId, ++seq, 1024), Cancel);
            await Task.Delay(20, Cancel);
        }

        await slowFirst;
        Assert.True(fastFrames.Reader.TryPeek(out _), $"the fast viewer got none of {seq} frames");

        // The slow viewer reads nothing more: its socket fills, and the broker must not hold frames for it.
        const int Sent = 399;
        var last = seq + Sent;
        while (++seq <= last)
        {
            await frames.Writer.WriteAsync(FrameOf(session.SessionId, seq, 64 * 1024), Cancel);
            if (seq % 20 == 0)
            {
                await Task.Delay(5, Cancel);
            }
        }

        Frame latest;
        do
        {
            latest = await Next(fastFrames, TimeSpan.FromSeconds(30));
        }
        while (latest.Seq != last);

        var slowSeqs = await slow.ReadSeqsUntilAsync(last);
        Assert.Equal(last, slowSeqs[^1]);
        Assert.True(slowSeqs.Count(s => s > last - Sent) < Sent, $"the slow viewer got all {Sent} frames sent while it did not read: nothing was skipped");
        Assert.All(slowSeqs.Zip(slowSeqs.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        frames.Writer.Complete();
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
    }

    [Fact]
    public async Task Input_from_the_agent_reaches_the_device_and_a_colleague_watching_view_only_cannot_send_any()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B);
        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        await using var colleague = await ViewerAsync(cluster.C, scene.Colleague, messagePack: true);
        var colleagueFrames = colleague.Watch(session.SessionId, Cancel);
        await using var stranger = await ViewerAsync(cluster.A, scene.Stranger);

        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-move", X: 10, Y: 20), Cancel);
        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-down", X: 10, Y: 20, Button: 0), Cancel);
        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("text", Text: "hello"), Cancel);

        Assert.Equal((session.SessionId, new InputEvent("pointer-move", X: 10, Y: 20)), await Next(device.Inputs));
        Assert.Equal((session.SessionId, new InputEvent("pointer-down", X: 10, Y: 20, Button: 0)), await Next(device.Inputs));
        Assert.Equal((session.SessionId, new InputEvent("text", Text: "hello")), await Next(device.Inputs));
        var viewOnly = await Assert.ThrowsAsync<HubException>(() =>
            colleague.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-move", X: 1, Y: 1), Cancel));
        Assert.Contains("view-only", viewOnly.Message);
        var notTheirs = await Assert.ThrowsAsync<HubException>(() =>
            stranger.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-move", X: 1, Y: 1), Cancel));
        Assert.Contains("does not exist", notTheirs.Message);
        await Assert.ThrowsAsync<HubException>(() =>
            viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent(""), Cancel));
        await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in stranger.Connection.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), session.SessionId, Cancel))
            {
            }
        });

        await (await scene.Agent.DeleteAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        var ended = await Assert.ThrowsAsync<HubException>(() =>
            viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-move", X: 1, Y: 1), Cancel));
        Assert.Contains("ended", ended.Message);
        Assert.Equal((session.SessionId, "The agent ended the session."), await Next(device.Ended));
        Assert.Equal((session.SessionId, "The agent ended the session."), await Next(viewer.Ended));
        Assert.Equal((session.SessionId, "The agent ended the session."), await Next(colleague.Ended));
        await Completed(colleagueFrames);
    }

    [Fact]
    public async Task Starting_a_session_is_refused_for_another_group_without_permission_and_for_an_offline_device()
    {
        using var scene = await CreateAsync(cluster);
        var userGroupOff = await scene.Admin.CreateUserGroupAsync(unattended: false);
        using var withoutPermission = await SignedInAgentAsync(cluster.A, scene.Admin, userGroupOff.Id, scene.GroupId);
        using var denied = await SignedInAgentAsync(cluster.A, scene.Admin, (await scene.Admin.CreateUserGroupAsync(unattended: true)).Id, scene.GroupId,
            UnattendedSupportOverride.Deny);
        using var allowed = await SignedInAgentAsync(cluster.B, scene.Admin, userGroupOff.Id, scene.GroupId, UnattendedSupportOverride.Allow);

        await (await scene.StartSessionAsync(scene.Agent)).ExpectProblemAsync(HttpStatusCode.Conflict);
        await using var device = await scene.ConnectDeviceAsync(cluster.B);

        await (await scene.StartSessionAsync(scene.Stranger)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await scene.StartSessionAsync(withoutPermission)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await scene.StartSessionAsync(denied)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, Guid.NewGuid())))
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.False(device.Started.Reader.TryRead(out _));

        var started = await (await scene.StartSessionAsync(allowed)).ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        Assert.Equal(started.SessionId, (await Next(device.Started)).SessionId);
        var read = await (await allowed.GetAsync(Routes.Session(started.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal(("unattended", "active", scene.Device.DeviceId, false), (read.Kind, read.State, read.DeviceId, read.CredentialStored));
    }

    [Fact]
    public async Task A_colleague_without_unattended_permission_cannot_watch_even_view_only()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B);
        var session = await scene.StartedSessionAsync();
        var userGroupOff = await scene.Admin.CreateUserGroupAsync(unattended: false);
        using var withoutPermission = await SignedInAgentAsync(cluster.C, scene.Admin, userGroupOff.Id, scene.GroupId);
        await using var viewer = await ViewerAsync(cluster.C, withoutPermission);

        var frames = viewer.Watch(session.SessionId, Cancel);

        await Assert.ThrowsAsync<HubException>(() => frames.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(15), Cancel));
    }

    [Fact]
    public async Task The_device_going_offline_ends_its_session_for_every_viewer()
    {
        using var scene = await CreateAsync(cluster);
        var device = await scene.ConnectDeviceAsync(cluster.B);
        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent, messagePack: true);
        var frames = viewer.Watch(session.SessionId, Cancel);
        var (upload, uploading) = device.Upload(session.SessionId);
        await FramesUntilSeenAsync(upload.Writer, frames, session.SessionId);
        await Next(frames);

        await device.DisposeAsync();

        Assert.Equal((session.SessionId, "The device went offline."), await Next(viewer.Ended));
        await Completed(frames);
        var read = await (await scene.Agent.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal(("ended", "The device went offline."), (read.State, read.EndedReason));
        await Assert.ThrowsAnyAsync<Exception>(() => uploading);
    }

    [Fact]
    public async Task The_endpoint_can_end_the_session_itself()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.C);
        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (frames, uploading) = device.Upload(session.SessionId);
        await FramesUntilSeenAsync(frames.Writer, received, session.SessionId);

        // Heartbeats and other calls go on while the upload runs.
        await device.Connection.InvokeAsync(nameof(IDeviceHub.Heartbeat), Cancel).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        await device.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), session.SessionId, "The user stopped sharing.", Cancel);

        Assert.Equal((session.SessionId, "The device ended the session: The user stopped sharing."), await Next(viewer.Ended));
        await uploading.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        var notYours = await Assert.ThrowsAsync<HubException>(() =>
            device.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), Guid.NewGuid(), "", Cancel));
        Assert.Contains("not this device's", notYours.Message);
    }

    [Fact]
    public async Task A_frame_over_4_MiB_and_an_upload_for_another_session_are_refused_with_a_message()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B, messagePack: true);
        var session = await scene.StartedSessionAsync();

        var (frames, upload) = device.Upload(session.SessionId);
        await frames.Writer.WriteAsync(FrameOf(session.SessionId, 1, Frame.MaxDataBytes + 1), Cancel);
        var oversized = await Assert.ThrowsAsync<HubException>(() => upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel));
        Assert.Contains("4 MiB", oversized.Message);

        var (_, other) = device.Upload(Guid.NewGuid());
        var refused = await Assert.ThrowsAsync<HubException>(() => other.WaitAsync(TimeSpan.FromSeconds(15), Cancel));
        Assert.Contains("not this device's", refused.Message);

        // The connection survives both: a full-size frame still goes through.
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent, messagePack: true);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (again, _) = device.Upload(session.SessionId);
        await FramesUntilSeenAsync(again.Writer, received, session.SessionId, after: 1, bytes: Frame.MaxDataBytes, everyMilliseconds: 50);

        Assert.Equal(Frame.MaxDataBytes, (await Next(received)).Data.Length);
    }

    [Fact]
    public async Task Presence_is_pushed_to_watchers_of_the_device_group_only()
    {
        using var scene = await CreateAsync(cluster);
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent, messagePack: true);
        await using var stranger = await ViewerAsync(cluster.C, scene.Stranger);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<PresenceChange>();
        var strangerChanges = System.Threading.Channels.Channel.CreateUnbounded<PresenceChange>();
        _ = Pump(viewer.Connection.StreamAsync<PresenceChange>(nameof(IAgentHub.WatchPresence), Cancel), changes);
        _ = Pump(stranger.Connection.StreamAsync<PresenceChange>(nameof(IAgentHub.WatchPresence), Cancel), strangerChanges);

        var snapshot = await Next(changes);
        Assert.Equal((scene.Device.DeviceId, scene.GroupId, false), (snapshot.DeviceId, snapshot.DeviceGroupId, snapshot.Online));
        var device = await scene.ConnectDeviceAsync(cluster.B);
        Assert.Equal((scene.Device.DeviceId, true), Pick(await Next(changes)));
        await device.DisposeAsync();
        var offline = await Next(changes);
        Assert.Equal((scene.Device.DeviceId, false), Pick(offline));
        Assert.NotNull(offline.LastSeenAt);
        Assert.False(strangerChanges.Reader.TryRead(out _));

        static (Guid, bool) Pick(PresenceChange change) => (change.DeviceId, change.Online);
    }

    [Fact]
    public async Task An_endpoint_whose_heartbeats_stop_goes_offline_by_itself_and_its_watchers_hear_of_it()
    {
        using var scene = await CreateAsync(cluster);
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<PresenceChange>();
        _ = Pump(viewer.Connection.StreamAsync<PresenceChange>(nameof(IAgentHub.WatchPresence), Cancel), changes);
        Assert.False((await Next(changes)).Online);

        // Connected, one heartbeat, then silence (a frozen endpoint or a half-open socket).
        await using var device = await scene.ConnectDeviceAsync(cluster.B, keepAlive: false);
        Assert.True((await Next(changes)).Online);

        Assert.False((await Next(changes, HostCluster.PresenceTimeout * 4)).Online);
        var read = await (await scene.Agent.GetAsync(Routes.Device(scene.Device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.False(read.Online);
    }

    [Fact]
    public async Task A_device_busy_uploading_stays_online_though_its_heartbeats_wait_behind_the_frames()
    {
        using var scene = await CreateAsync(cluster);

        // No heartbeats at all after the first: only the frames say the device is there.
        await using var device = await scene.ConnectDeviceAsync(cluster.B, keepAlive: false);
        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (frames, upload) = device.Upload(session.SessionId);
        var seq = await FramesUntilSeenAsync(frames.Writer, received, session.SessionId);
        var until = DateTime.UtcNow + HostCluster.PresenceTimeout * 2;
        while (DateTime.UtcNow < until)
        {
            await frames.Writer.WriteAsync(FrameOf(session.SessionId, ++seq), Cancel);
            await Task.Delay(50, Cancel);
        }

        var read = await (await scene.Agent.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal(("active", null), (read.State, read.EndedReason));
        Assert.True((await (await scene.Agent.GetAsync(Routes.Device(scene.Device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online);

        // Once the frames stop too, the silent device times out as any other.
        Assert.Equal((session.SessionId, "The device went offline."), await Next(viewer.Ended, HostCluster.PresenceTimeout * 4));
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
    }

    [Fact]
    public async Task A_device_says_how_many_sessions_are_open_on_it_to_everyone_who_reaches_it()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B);
        async Task<int> OpenAsync(ApiClient who) =>
            (await (await who.GetAsync(Routes.Device(scene.Device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).OpenSessions;
        async Task<int> ListedAsync(ApiClient who) =>
            (await (await who.GetAsync($"{Routes.Devices}?groupId={scene.GroupId}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK))
                .Single(d => d.Id == scene.Device.DeviceId).OpenSessions;
        Assert.Equal(0, await OpenAsync(scene.Agent));

        // A colleague on another host watches the group's presence, which carries the count as it changes.
        await using var watcher = await ViewerAsync(cluster.C, scene.Colleague);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<PresenceChange>();
        _ = Pump(watcher.Connection.StreamAsync<PresenceChange>(nameof(IAgentHub.WatchPresence), Cancel), changes);
        Assert.Equal((true, 0), Pick(await Next(changes)));

        // The agent's session and a colleague's on the same device: both see two, in the device and in the list.
        var mine = await scene.StartedSessionAsync();
        await (await scene.StartSessionAsync(scene.Colleague)).ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        Assert.Equal((2, 2), (await OpenAsync(scene.Colleague), await ListedAsync(scene.Agent)));
        Assert.Equal([(true, 1), (true, 2)], [Pick(await Next(changes)), Pick(await Next(changes))]);

        // The session tells its device one-way (the device grain calls sessions too), so the count follows a moment later.
        await (await scene.Agent.DeleteAsync(Routes.Session(mine.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal((true, 1), Pick(await Next(changes)));
        Assert.Equal((1, 1), (await OpenAsync(scene.Agent), await ListedAsync(scene.Colleague)));

        // Going offline ends the rest.
        await device.DisposeAsync();
        Assert.Equal((false, 0), Pick(await Next(changes)));
        await DeviceConnection.Eventually(async () => await OpenAsync(scene.Agent) == 0, "the device's sessions ended with its connection");

        static (bool, int) Pick(PresenceChange change) => (change.Online, change.OpenSessions);
    }

    [Fact]
    public async Task Hubs_refuse_connections_without_the_right_token()
    {
        using var scene = await CreateAsync(cluster);
        foreach (var (route, token) in new[]
                 {
                     (HubRoutes.Agent, ""), (HubRoutes.Agent, "forged"), (HubRoutes.Agent, scene.Device.DeviceToken),
                     (HubRoutes.Device, ""), (HubRoutes.Device, TokenOf(scene.Agent)), (HubRoutes.Device, "dt1.forged"),
                 })
        {
            await using var connection = Hub(cluster.B, route, token, messagePack: false);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(Cancel));
            Assert.True(refused.Message.Contains("401") || refused.Message.Contains("403"), $"{route} with '{token}': {refused.Message}");
        }
    }

    [Fact]
    public async Task The_real_endpoint_reconnects_after_its_host_restarts_streams_its_test_pattern_and_takes_input()
    {
        using var scene = await CreateAsync(cluster);
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");
        var home = Path.Combine(Path.GetTempPath(), "endpoint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        var machineId = Path.Combine(home, "machine-id");
        await File.WriteAllTextAsync(machineId, Guid.NewGuid().ToString("N"), Cancel);
        var group = await (await scene.Admin.GetAsync(Routes.DeviceGroup(scene.GroupId))).ExpectAsync<Broker.Contracts.DeviceGroups.DeviceGroupResponse>(HttpStatusCode.OK);
        await using var endpoint = EndpointProcess.Start(dll,
            ["run", "--config", Path.Combine(home, "endpoint.json"), "--server", cluster.B.Address.ToString(), "--enrollment-code", group.EnrollmentCode!,
             "--heartbeat", "1", "--max-retry-delay", "1"],
            home, new Dictionary<string, string> { ["BROKER_ENDPOINT_MACHINE_ID_FILE"] = machineId });
        var enrolled = await endpoint.WaitForLineAsync("Enrolled as");
        await endpoint.WaitForLineAsync("Connected to");
        var deviceId = Guid.Parse(enrolled[(enrolled.IndexOf('(') + 1)..enrolled.IndexOf(')')]);
        await DeviceConnection.Eventually(async () => await OnlineAsync(scene.Agent, deviceId), "the endpoint is online");

        await cluster.RestartBAsync();

        await endpoint.WaitForLineAsync("Connected to", TimeSpan.FromSeconds(60));
        await DeviceConnection.Eventually(async () => await OnlineAsync(scene.Agent, deviceId), "the endpoint is online again", TimeSpan.FromSeconds(30));
        var session = await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, deviceId)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        await endpoint.WaitForLineAsync($"Session {session.SessionId} started");

        // The real endpoint's test pattern reaches a viewer on another host, and the viewer's click reaches the endpoint.
        await using var viewer = await ViewerAsync(cluster.C, scene.Agent, messagePack: true);
        var frames = viewer.Watch(session.SessionId, Cancel);
        var first = await Next(frames, TimeSpan.FromSeconds(30));
        var second = await Next(frames, TimeSpan.FromSeconds(30));
        Assert.True(second.Seq > first.Seq);
        Assert.Equal((FrameCodecs.Png, 640, 360), (first.Codec, first.Width, first.Height));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, first.Data[..4]);
        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-down", X: 120, Y: 80, Button: 0), Cancel);
        await endpoint.WaitForLineAsync($"Input in session {session.SessionId}: pointer-down");
        await (await scene.Agent.DeleteAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        await endpoint.WaitForLineAsync($"Session {session.SessionId} ended: The agent ended the session.");
        await Completed(frames);
        Directory.Delete(home, recursive: true);
    }

    private static async Task<bool> OnlineAsync(ApiClient agent, Guid deviceId) =>
        (await (await agent.GetAsync(Routes.Device(deviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online;

    private static async Task Pump<T>(IAsyncEnumerable<T> stream, System.Threading.Channels.Channel<T> into)
    {
        try
        {
            await foreach (var item in stream)
            {
                into.Writer.TryWrite(item);
            }

            into.Writer.TryComplete();
        }
        catch (Exception exception)
        {
            into.Writer.TryComplete(exception);
        }
    }
}
