using System.Net;
using Broker.Contracts;
using Broker.Contracts.Audit;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Broker.Server.Tests.LiveScene;

namespace Broker.Server.Tests;

/// <summary>
/// The attended session's own picture: the customer who joined with the support key shows their screen to the agent who
/// started the session and takes that agent's input, across hosts (customer on B, the agent's viewer on C).
/// </summary>
[Collection(HostClusterCollection.Name)]
public sealed class AttendedScreenTests(HostCluster cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The agent starts an attended session; the customer joins it with the support key through <paramref name="host"/>.</summary>
    private static async Task<(Guid SessionId, string SessionToken)> JoinedAsync(LiveScene scene, BrokerHost host)
    {
        var started = await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        using var anonymous = ApiClient.Anonymous(host);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(started.SupportKey!, "CUSTOMER-PC", "Windows 11 Pro", Guid.NewGuid().ToString())))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        return (started.SessionId, joined.SessionToken);
    }

    private static async Task<LiveEndpoint> CustomerAsync(BrokerHost host, string sessionToken, bool messagePack = false)
    {
        var customer = new LiveEndpoint(Hub(host, HubRoutes.Device, sessionToken, messagePack));
        await customer.Connection.StartTakenAsync();
        return customer;
    }

    private static async Task<(Guid SessionId, LiveEndpoint Customer)> JoinAsync(LiveScene scene, BrokerHost host, bool messagePack = false)
    {
        var (sessionId, token) = await JoinedAsync(scene, host);
        return (sessionId, await CustomerAsync(host, token, messagePack));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_customer_shows_their_screen_to_the_agent_and_takes_the_agents_input(bool messagePack)
    {
        using var scene = await CreateAsync(cluster);
        var (sessionId, joined) = await JoinAsync(scene, cluster.B, messagePack);
        await using var customer = joined;

        // Joining is the consent to show the screen: the customer's computer is asked for its picture at once.
        Assert.Equal((sessionId, "attended"), await Next(customer.Started));
        await using var viewer = await ViewerAsync(cluster.C, scene.Agent, messagePack);
        var received = viewer.Watch(sessionId, Cancel);
        var (frames, upload) = customer.Upload(sessionId);
        await FramesUntilSeenAsync(frames.Writer, received, sessionId);

        var first = await Next(received);
        Assert.Equal(FrameData(first.Seq, 1024), first.Data);

        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), sessionId, new InputEvent("pointer-down", X: 5, Y: 6, Button: 0), Cancel);
        Assert.Equal((sessionId, new InputEvent("pointer-down", X: 5, Y: 6, Button: 0)), await Next(customer.Inputs));

        await (await scene.Agent.DeleteAsync(Routes.Session(sessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal((sessionId, "The agent ended the session."), await Next(customer.Ended));
        Assert.Equal((sessionId, "The agent ended the session."), await Next(viewer.Ended));
        await Completed(received);
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
    }

    [Fact]
    public async Task Nobody_but_the_sessions_agent_watches_and_the_customer_uploads_for_no_other_session()
    {
        using var scene = await CreateAsync(cluster);
        var (sessionId, joined) = await JoinAsync(scene, cluster.B);
        await using var customer = joined;
        await Next(customer.Started);

        // A colleague who reaches the agent's device groups is no party to an attended session.
        await using var colleague = await ViewerAsync(cluster.C, scene.Colleague);
        var notTheirs = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var frame in colleague.Connection.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), sessionId, Cancel))
            {
                Assert.Fail($"the colleague received frame {frame.Seq}");
            }
        });
        Assert.Contains("not yours", notTheirs.Message);
        var noInput = await Assert.ThrowsAsync<HubException>(() =>
            colleague.Connection.InvokeAsync(nameof(IAgentHub.SendInput), sessionId, new InputEvent("text", Text: "x"), Cancel));
        Assert.Contains("not yours", noInput.Message);

        // The session's token names its session: the customer's computer cannot feed another one, an unattended session included.
        await using var device = await scene.ConnectDeviceAsync(cluster.A);
        var unattended = await scene.StartedSessionAsync();
        foreach (var other in new[] { unattended.SessionId, Guid.NewGuid() })
        {
            var (frames, upload) = customer.Upload(other);
            await frames.Writer.WriteAsync(FrameOf(other, 1), Cancel);
            var refused = await Assert.ThrowsAsync<HubException>(() => upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel));
            Assert.Contains($"joined session {sessionId}", refused.Message);
        }

        // Input before the customer's computer sends its picture says so.
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var early = await Assert.ThrowsAsync<HubException>(() =>
            viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), sessionId, new InputEvent("text", Text: "x"), Cancel));
        Assert.Contains("not sharing its screen", early.Message);
    }

    [Fact]
    public async Task A_customer_who_reconnects_is_asked_for_the_picture_again_and_the_agent_keeps_watching()
    {
        using var scene = await CreateAsync(cluster);
        var (sessionId, token) = await JoinedAsync(scene, cluster.B);
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var received = viewer.Watch(sessionId, Cancel);

        long sent;
        await using (var first = await CustomerAsync(cluster.B, token))
        {
            await Next(first.Started);
            var (frames, _) = first.Upload(sessionId);
            sent = await FramesUntilSeenAsync(frames.Writer, received, sessionId);
            while ((await Next(received)).Seq != sent)
            {
            }
        }

        // The customer's program lost its connection and comes back on another host with the same session token; its
        // numbering goes on (a viewer drops a frame numbered below one it has).
        await using var again = await CustomerAsync(cluster.C, token, messagePack: true);
        Assert.Equal((sessionId, "attended"), await Next(again.Started));
        var (more, upload) = again.Upload(sessionId);
        await FramesUntilSeenAsync(more.Writer, received, sessionId, after: sent);
        Assert.True((await Next(received)).Seq > sent);
        await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), sessionId, new InputEvent("key-down", Key: "a"), Cancel);
        Assert.Equal((sessionId, new InputEvent("key-down", Key: "a")), await Next(again.Inputs));
        more.Writer.Complete();
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
    }

    [Fact]
    public async Task The_customer_leaves_the_session_they_joined_and_no_other_and_the_agent_hears_why()
    {
        using var scene = await CreateAsync(cluster);
        var (sessionId, joined) = await JoinAsync(scene, cluster.B);
        await using var customer = joined;
        await Next(customer.Started);
        await using var viewer = await ViewerAsync(cluster.C, scene.Agent);

        // The token names one session: ending another one (even a made-up id) is refused and ends nothing.
        var (otherId, _) = await JoinedAsync(scene, cluster.A);
        foreach (var other in new[] { otherId, Guid.NewGuid() })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() =>
                customer.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), other, "", Cancel));
            Assert.Contains($"joined session {sessionId}", refused.Message);
        }

        Assert.Equal("active", (await SessionAsync(scene, otherId)).State);
        var tooLong = await Assert.ThrowsAsync<HubException>(() =>
            customer.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), sessionId, new string('x', 201), Cancel));
        Assert.Contains("at most 200 characters", tooLong.Message);
        Assert.Equal("active", (await SessionAsync(scene, sessionId)).State);

        await customer.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), sessionId, "Done for today", Cancel);
        Assert.Equal((sessionId, "The customer ended the session: Done for today"), await Next(viewer.Ended));
        var ended = await SessionAsync(scene, sessionId);
        Assert.Equal(("ended", "The customer ended the session: Done for today"), (ended.State, ended.EndedReason));

        // Leaving twice changes nothing; the audit log says who ended it.
        await customer.Connection.InvokeAsync(nameof(IDeviceHub.EndSession), sessionId, "again", Cancel);
        Assert.Equal("The customer ended the session: Done for today", (await SessionAsync(scene, sessionId)).EndedReason);
        var audit = await (await scene.Admin.GetAsync($"{Routes.Audit}?action=session.end&actor=customer"))
            .ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK);
        Assert.Contains(audit, e => e.Target == sessionId.ToString() && e is { Outcome: "success", Detail: "Done for today" });
    }

    private static async Task<SessionResponse> SessionAsync(LiveScene scene, Guid sessionId) =>
        await (await scene.Agent.GetAsync(Routes.Session(sessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
}
