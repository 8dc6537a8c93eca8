using System.Net;
using System.Threading.Channels;
using Broker.Contracts;
using Broker.Contracts.Agents;
using Broker.Contracts.Audit;
using Broker.Contracts.Auth;
using Broker.Contracts.DeviceGroups;
using Broker.Contracts.Devices;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Broker.Contracts.UserGroups;
using Broker.Integration.Tests.Postgres;
using Broker.Server.Tests;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;

namespace Broker.Integration.Tests.Cluster;

/// <summary>
/// Three broker processes on one PostgreSQL database and one Azurite, behind a loopback load balancer, with the real
/// broker-endpoint and a real SignalR viewer: hosts are killed (SIGKILL), stopped (SIGTERM) and restarted under them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(PostgresServer postgres, AzuriteFixture azurite)
{
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_hosts_survive_losing_the_device_host_and_the_session_host_a_graceful_stop_and_a_full_restart()
    {
        var database = await postgres.CreateDatabaseAsync();
        await ClusterEnvironment.MigrateAsync(database);
        var environment = ClusterEnvironment.For(database, azurite);
        await using var a = new BrokerProcess("A", environment);
        await using var b = new BrokerProcess("B", environment);
        await using var c = new BrokerProcess("C", environment);
        await Task.WhenAll(a.StartAsync(), b.StartAsync(), c.StartAsync());

        // Endpoints reach the hosts through the balancer, which prefers B, then A, then C.
        await using var balancer = new LoopbackBalancer(b.WebPort, a.WebPort, c.WebPort);

        using var admin = await SignInAsync(a, ClusterEnvironment.AdminEmail, ClusterEnvironment.AdminPassword);
        var userGroup = await admin.CreateUserGroupAsync(unattended: true);
        var deviceGroup = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, AgentRole.Agent, UnattendedSupportOverride.Inherit, deviceGroup.Id);
        using var agentOnA = await SignInAsync(a, agent.Email, password);
        using var agentOnC = await SignInAsync(c, agent.Email, password);

        var home = Directory.CreateTempSubdirectory("broker-cluster-endpoint-").FullName;
        var machineId = Path.Combine(home, "machine-id");
        await File.WriteAllTextAsync(machineId, Guid.NewGuid().ToString("N"), Cancel);
        var endpointDll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");
        await using var endpoint = EndpointProcess.Start(endpointDll,
            ["run", "--config", Path.Combine(home, "endpoint.json"), "--server", balancer.Address.ToString(),
             "--enrollment-code", deviceGroup.EnrollmentCode!, "--heartbeat", "1", "--max-retry-delay", "1"],
            home, new Dictionary<string, string> { ["BROKER_ENDPOINT_MACHINE_ID_FILE"] = machineId });
        try
        {
            await RunAsync(a, b, c, admin, deviceGroup.Id, agent, password, agentOnA, agentOnC, endpoint);
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException { Message: var m } || !m.Contains("--- A", StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException(
                $"{failure}\n\n=== endpoint\n{endpoint.Output}\n\n=== A\n{a.Output}\n\n=== B\n{b.Output}\n\n=== C\n{c.Output}");
        }

        Directory.Delete(home, recursive: true);
    }

    private static async Task RunAsync(
        BrokerProcess a, BrokerProcess b, BrokerProcess c, ApiClient admin, Guid deviceGroupId, AgentResponse agent, string password,
        ApiClient agentOnA, ApiClient agentOnC, EndpointProcess endpoint)
    {
        var enrolled = await endpoint.WaitForLineAsync("Enrolled as");
        await endpoint.WaitForLineAsync("Connected to");
        var deviceId = Guid.Parse(enrolled[(enrolled.IndexOf('(') + 1)..enrolled.IndexOf(')')]);
        await Eventually(() => OnlineAsync(agentOnA, deviceId), "the endpoint is online on host B", Failover);
        var before = await SnapshotAsync(admin);
        await using var viewer = await ViewerAsync(a, agentOnA);
        var ended = Channel.CreateUnbounded<(Guid SessionId, string Reason)>();
        viewer.On<Guid, string>(nameof(IAgentClient.SessionEnded), (id, reason) => ended.Writer.TryWrite((id, reason)));

        // 1. Host B, which holds the endpoint's connection, dies while the agent watches a session from A: the endpoint
        //    reconnects through the balancer to A, and the session, whose stream died with the old connection, ends
        //    with a reason the viewer is told.
        var lost = await (await agentOnA.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, deviceId)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        var lostFrames = Watch(viewer, lost.SessionId);
        await NextAsync(lostFrames, TimeSpan.FromSeconds(30));
        await b.KillAsync();
        await endpoint.WaitForLineAsync("Connected to", Failover);
        await Eventually(() => OnlineAsync(agentOnA, deviceId), "the endpoint is online again after host B died", Failover);
        var (endedId, endedReason) = await ended.Reader.ReadAsync(Cancel).AsTask().WaitAsync(Failover, Cancel);
        Assert.Equal(lost.SessionId, endedId);
        Assert.Contains("reconnected", endedReason);
        await AssertNothingLostAsync(admin, before);
        await b.StartAsync();

        // 2. A new session, started through host C, has its grain on C; the agent watches from A.
        var session = await (await agentOnC.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, deviceId)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        await endpoint.WaitForLineAsync($"Session {session.SessionId} started");
        var frames = Watch(viewer, session.SessionId);
        var first = await NextAsync(frames, TimeSpan.FromSeconds(30));
        Assert.True((await NextAsync(frames, TimeSpan.FromSeconds(30))).Seq > first.Seq);

        // 3. Host C, where the session's grain lives, dies: the grain comes back elsewhere from storage, A registers its
        //    viewer again as soon as the cluster declares C dead, and the endpoint's next frames find it. The viewer
        //    sees a pause, never a SessionEnded, and frames go on in order; input still reaches the endpoint.
        var last = await NextAsync(frames, TimeSpan.FromSeconds(30));
        await c.KillAsync();
        var resumed = await FrameAfterPauseAsync(frames, last.Seq, Failover);
        Assert.True(resumed.Seq > last.Seq);
        await Eventually(async () =>
        {
            try
            {
                await viewer.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-down", X: 10, Y: 20, Button: 0), Cancel);
                return true;
            }
            catch (HubException)
            {
                return false;
            }
        }, "input is accepted after the session's host died", Failover);
        await endpoint.WaitForLineAsync($"Input in session {session.SessionId}: pointer-down", Failover);
        var read = await (await agentOnA.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal("active", read.State);
        await AssertNothingLostAsync(admin, before);

        // 4. C comes back; A is stopped gracefully: it closes its endpoint connection first, and the endpoint is on B
        //    (the balancer's first choice) long before its presence would have timed out.
        await viewer.DisposeAsync();
        await c.StartAsync();
        using var agentOnB = await SignInAsync(b, agent.Email, password);
        Assert.Equal(0, await a.TerminateAsync());
        Assert.Contains("closed 1 endpoint connections", a.Output);
        await endpoint.WaitForLineAsync("Connected to", TimeSpan.FromSeconds(30));
        await Eventually(() => OnlineAsync(agentOnB, deviceId), "the endpoint is online on host B after A stopped", TimeSpan.FromSeconds(30));

        // 5. Every host stops; all three start again and read everything back.
        Assert.Equal(0, await b.TerminateAsync());
        Assert.Equal(0, await c.TerminateAsync());
        await Task.WhenAll(a.StartAsync(), b.StartAsync(), c.StartAsync());
        using var adminAgain = await SignInAsync(c, ClusterEnvironment.AdminEmail, ClusterEnvironment.AdminPassword);
        await AssertNothingLostAsync(adminAgain, before);
        var device = await (await adminAgain.GetAsync(Routes.Device(deviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.Equal(deviceGroupId, device.DeviceGroupId);
        using var agentAgain = await SignInAsync(a, agent.Email, password);
        await Eventually(() => OnlineAsync(agentAgain, deviceId), "the endpoint is online after the whole cluster restarted", Failover);
    }

    private sealed record Snapshot(Guid[] Devices, Guid[] DeviceGroups, Guid[] Agents, Guid[] UserGroups, long[] AuditEvents);

    private static async Task<Snapshot> SnapshotAsync(ApiClient admin) => new(
        [.. (await (await admin.GetAsync(Routes.Devices)).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK)).Select(d => d.Id)],
        [.. (await (await admin.GetAsync(Routes.DeviceGroups)).ExpectAsync<DeviceGroupResponse[]>(HttpStatusCode.OK)).Select(g => g.Id)],
        [.. (await (await admin.GetAsync(Routes.Agents)).ExpectAsync<AgentResponse[]>(HttpStatusCode.OK)).Select(g => g.Id)],
        [.. (await (await admin.GetAsync(Routes.UserGroups)).ExpectAsync<UserGroupResponse[]>(HttpStatusCode.OK)).Select(g => g.Id)],
        [.. (await (await admin.GetAsync($"{Routes.Audit}?limit=1000")).ExpectAsync<AuditEventResponse[]>(HttpStatusCode.OK)).Select(e => e.Id)]);

    /// <summary>
    /// Whatever existed before (enrollment, device, groups, agents, audit events) still does. Until the cluster has
    /// declared a lost host dead, a request that needs a grain that lived there answers 503 (try again), never a 500.
    /// </summary>
    private static async Task AssertNothingLostAsync(ApiClient admin, Snapshot before)
    {
        Snapshot? now = null;
        await Eventually(async () =>
        {
            try
            {
                now = await SnapshotAsync(admin);
                return true;
            }
            catch (Xunit.Sdk.TrueException unavailable) when (unavailable.Message.Contains("got ServiceUnavailable", StringComparison.Ordinal))
            {
                return false;
            }
        }, "every list answers after a host was lost", Failover);
        Assert.Subset(now!.Devices.ToHashSet(), before.Devices.ToHashSet());
        Assert.Subset(now.DeviceGroups.ToHashSet(), before.DeviceGroups.ToHashSet());
        Assert.Subset(now.Agents.ToHashSet(), before.Agents.ToHashSet());
        Assert.Subset(now.UserGroups.ToHashSet(), before.UserGroups.ToHashSet());
        Assert.Subset(now.AuditEvents.ToHashSet(), before.AuditEvents.ToHashSet());
    }

    private static async Task<ApiClient> SignInAsync(BrokerProcess host, string email, string password)
    {
        var client = new ApiClient(new HttpClient { BaseAddress = host.Address });
        var login = await client.PostAsync(Routes.Login, new LoginRequest(email, password));
        client.UseToken((await login.ExpectAsync<LoginResponse>(HttpStatusCode.OK)).AccessToken);
        return client;
    }

    private static async Task<HubConnection> ViewerAsync(BrokerProcess host, ApiClient agent)
    {
        var token = agent.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Address, HubRoutes.Agent), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddMessagePackProtocol()
            .Build();
        await connection.StartAsync(Cancel);
        return connection;
    }

    private static Channel<Frame> Watch(HubConnection viewer, Guid sessionId)
    {
        var frames = Channel.CreateUnbounded<Frame>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in viewer.StreamAsync<Frame>(nameof(IAgentHub.WatchSession), sessionId, Cancel))
                {
                    frames.Writer.TryWrite(frame);
                }

                frames.Writer.TryComplete(new InvalidOperationException("The frame stream ended."));
            }
            catch (Exception exception)
            {
                frames.Writer.TryComplete(exception);
            }
        }, Cancel);
        return frames;
    }

    private static async Task<Frame> NextAsync(Channel<Frame> frames, TimeSpan within) =>
        await frames.Reader.ReadAsync(Cancel).AsTask().WaitAsync(within, Cancel);

    /// <summary>Reads past what was already on its way, until a frame comes after a pause of a second or more.</summary>
    private static async Task<Frame> FrameAfterPauseAsync(Channel<Frame> frames, long afterSeq, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var previous = DateTime.UtcNow;
        var seq = afterSeq;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "no frame came after the session's host died");
            var frame = await NextAsync(frames, left);
            Assert.True(frame.Seq > seq, $"frame {frame.Seq} came after frame {seq}");
            seq = frame.Seq;
            var now = DateTime.UtcNow;
            if (now - previous > TimeSpan.FromSeconds(1))
            {
                return frame;
            }

            previous = now;
        }
    }

    private static async Task<bool> OnlineAsync(ApiClient agent, Guid deviceId)
    {
        try
        {
            var response = await agent.GetAsync(Routes.Device(deviceId));
            return response.IsSuccessStatusCode && (await response.ReadAsync<DeviceResponse>()).Online;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(250, Cancel);
        }
    }
}
