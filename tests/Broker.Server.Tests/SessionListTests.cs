using System.Net;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Sessions;
using static Broker.Server.Tests.LiveScene;

namespace Broker.Server.Tests;

/// <summary><c>GET /api/sessions</c>: the sessions an agent started, newest first, from any host of the cluster.</summary>
[Collection(HostClusterCollection.Name)]
public sealed class SessionListTests(HostCluster cluster)
{
    [Fact]
    public async Task An_agent_lists_the_sessions_they_started_newest_first_open_or_ended_and_nobody_else_sees_them()
    {
        using var scene = await CreateAsync(cluster);
        await using var device = await scene.ConnectDeviceAsync(cluster.B);
        var unattended = await scene.StartedSessionAsync();
        var attended = await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);

        // A refused start is no session of theirs.
        await device.DisposeAsync();
        await DeviceConnection.Eventually(
            async () => !(await (await scene.Agent.GetAsync(Routes.Device(scene.Device.DeviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online,
            "the device is offline");
        Assert.Equal(HttpStatusCode.Conflict, (await scene.StartSessionAsync(scene.Agent)).StatusCode);

        var all = await (await scene.Agent.GetAsync(Routes.Sessions)).ExpectAsync<SessionResponse[]>(HttpStatusCode.OK);
        Assert.Equal([(attended.SessionId, "attended"), (unattended.SessionId, "unattended")], all.Select(s => (s.Id, s.Kind)));
        Assert.Equal(scene.Device.DeviceId, all[1].DeviceId);

        // The device going offline ended the unattended one; the attended one waits for its customer.
        using var onAnotherHost = ApiClient.Anonymous(cluster.C);
        onAnotherHost.Http.DefaultRequestHeaders.Authorization = scene.Agent.Http.DefaultRequestHeaders.Authorization;
        var open = await (await onAnotherHost.GetAsync($"{Routes.Sessions}?open=true")).ExpectAsync<SessionResponse[]>(HttpStatusCode.OK);
        Assert.Equal([(attended.SessionId, "waiting")], open.Select(s => (s.Id, s.State)));
        var ended = await (await onAnotherHost.GetAsync($"{Routes.Sessions}?open=false")).ExpectAsync<SessionResponse[]>(HttpStatusCode.OK);
        Assert.Equal([(unattended.SessionId, "The device went offline.")], ended.Select(s => (s.Id, s.EndedReason)));

        Assert.Empty(await (await scene.Colleague.GetAsync(Routes.Sessions)).ExpectAsync<SessionResponse[]>(HttpStatusCode.OK));
        await (await scene.Agent.GetAsync($"{Routes.Sessions}?open=maybe")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        using var anonymous = ApiClient.Anonymous(cluster.A);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Routes.Sessions)).StatusCode);
    }
}
