using System.Net;
using Broker.Contracts;
using Broker.Contracts.Auth;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Sessions;
using static Broker.Server.Tests.LiveScene;

namespace Broker.Server.Tests;

/// <summary>
/// <c>/metrics</c> through real HTTP on real hosts: the broker's instruments move when devices connect, sessions run,
/// frames flow, sign-ins fail and devices enrol, each host counting what happens on it; Orleans' and ASP.NET Core's are there too.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class MetricsTests(HostCluster cluster)
{
    private const string Unattended = "kind=\"unattended\"";
    private const string Attended = "kind=\"attended\"";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_show_the_broker_s_orleans_and_asp_net_core_instruments_from_the_start()
    {
        // ASP.NET Core records a request's duration only after its response has gone out, so the first request a host
        // serves may be missing from a scrape that follows at once: poll (bounded) until one has been recorded.
        using (var http = cluster.C.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", Cancel)).StatusCode);
        }

        var scrape = await Scrape.OfAsync(cluster.C);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!scrape.Text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
            scrape = await Scrape.OfAsync(cluster.C);
        }

        foreach (var name in new[]
                 {
                     "broker_devices_connected", "broker_sessions_active", "broker_frames_uploaded_total", "broker_frames_relayed_total",
                     "broker_frames_dropped_total", "broker_logins_failed_total",
                 })
        {
            Assert.True(scrape.Has(name), $"{name} is missing from /metrics");
        }

        Assert.Contains("orleans_", scrape.Text);
        Assert.Contains("http_server_request_duration_seconds", scrape.Text);
        Assert.Contains("dotnet_gc_", scrape.Text);
    }

    [Fact]
    public async Task A_device_a_session_and_its_frames_are_counted_on_the_hosts_they_pass()
    {
        using var scene = await CreateAsync(cluster);
        var devicesOnA = (await Scrape.OfAsync(cluster.A)).Value("broker_devices_connected");
        var devicesOnB = (await Scrape.OfAsync(cluster.B)).Value("broker_devices_connected");
        var before = await Scrape.OfAsync(cluster.B);
        var relayedBefore = (await Scrape.OfAsync(cluster.A)).Value("broker_frames_relayed_total");
        var startedBefore = (await Scrape.OfAsync(cluster.A)).Value("broker_sessions_started_total", Unattended);

        await using var device = await scene.ConnectDeviceAsync(cluster.B);
        await Scrape.UntilAsync(cluster.B, "broker_devices_connected", v => v == devicesOnB + 1, "host B counts the device");
        Assert.Equal(devicesOnA, (await Scrape.OfAsync(cluster.A)).Value("broker_devices_connected"));

        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (frames, upload) = device.Upload(session.SessionId);
        var seq = await FramesUntilSeenAsync(frames.Writer, received, session.SessionId, everyMilliseconds: 10);

        var last = seq + 20;
        while (seq < last)
        {
            await frames.Writer.WriteAsync(FrameOf(session.SessionId, ++seq), Cancel);
        }

        var seen = 0;
        while ((await Next(received)).Seq != last)
        {
            seen++;
        }

        seen++;
        var during = await Scrape.OfAsync(cluster.B);
        Assert.Equal(before.Value("broker_sessions_active", Unattended) + 1, during.Value("broker_sessions_active", Unattended));
        await Scrape.UntilAsync(cluster.B, "broker_frames_uploaded_total", v => v == before.Value("broker_frames_uploaded_total") + last,
            "host B counts every uploaded frame");
        var onA = await Scrape.OfAsync(cluster.A);
        Assert.Equal(relayedBefore + seen, onA.Value("broker_frames_relayed_total"));
        Assert.Equal(startedBefore + 1, onA.Value("broker_sessions_started_total", Unattended));

        // Nothing secret or personal in a scrape: no tokens, ids or e-mail addresses.
        foreach (var text in new[] { onA.Text, during.Text })
        {
            Assert.DoesNotContain(scene.Device.DeviceToken, text);
            Assert.DoesNotContain(scene.Device.DeviceId.ToString(), text);
            Assert.DoesNotContain(session.SessionId.ToString(), text);
            Assert.DoesNotContain("@example", text);
        }

        Assert.Equal(HttpStatusCode.OK, (await scene.Agent.DeleteAsync(Routes.Session(session.SessionId))).StatusCode);
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        await Scrape.UntilAsync(cluster.B, "broker_sessions_active", v => v == before.Value("broker_sessions_active", Unattended),
            "the ended session is no longer active on host B", Unattended);
        await device.Connection.StopAsync(Cancel);
        await Scrape.UntilAsync(cluster.B, "broker_devices_connected", v => v == devicesOnB, "host B no longer counts the device");
    }

    [Fact]
    public async Task An_attended_session_is_active_on_the_host_its_customer_is_connected_to()
    {
        using var admin = await cluster.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id);
        using var signedIn = await ApiClient.SignInAsync(cluster.A, agent.Email, password);
        var startedBefore = (await Scrape.OfAsync(cluster.A)).Value("broker_sessions_started_total", Attended);
        var activeBefore = (await Scrape.OfAsync(cluster.C)).Value("broker_sessions_active", Attended);

        var session = await (await signedIn.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        using var anonymous = ApiClient.Anonymous(cluster.C);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(session.SupportKey!, "CUSTOMER-PC", "Windows 11")))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        await using var customer = DeviceConnection.Create(cluster.C, joined.SessionToken);
        await customer.StartAsync(Cancel);

        await Scrape.UntilAsync(cluster.C, "broker_sessions_active", v => v == activeBefore + 1, "host C counts the customer's session", Attended);
        Assert.Equal(startedBefore + 1, (await Scrape.OfAsync(cluster.A)).Value("broker_sessions_started_total", Attended));
        Assert.DoesNotContain(session.SupportKey!, (await Scrape.OfAsync(cluster.C)).Text);
        await customer.StopAsync(Cancel);
        await Scrape.UntilAsync(cluster.C, "broker_sessions_active", v => v == activeBefore, "the customer left", Attended);
    }

    [Fact]
    public async Task A_frame_a_viewer_cannot_use_is_counted_as_dropped()
    {
        using var scene = await CreateAsync(cluster);
        var devicesOnB = (await Scrape.OfAsync(cluster.B)).Value("broker_devices_connected");
        await using var device = await scene.ConnectDeviceAsync(cluster.B, messagePack: true);
        var session = await scene.StartedSessionAsync();
        await using var viewer = await ViewerAsync(cluster.A, scene.Agent, messagePack: true);
        var received = viewer.Watch(session.SessionId, Cancel);
        var (frames, upload) = device.Upload(session.SessionId);
        var seq = await FramesUntilSeenAsync(frames.Writer, received, session.SessionId, after: 100, everyMilliseconds: 10);

        var newest = seq;
        while ((await Next(received)).Seq != newest)
        {
        }

        var dropped = (await Scrape.OfAsync(cluster.A)).Value("broker_frames_dropped_total");

        // An older frame than the viewer had is dropped; the next newer one shows it was handled (frames stay in order per host).
        await frames.Writer.WriteAsync(FrameOf(session.SessionId, 1), Cancel);
        await frames.Writer.WriteAsync(FrameOf(session.SessionId, newest + 1), Cancel);
        Assert.Equal(newest + 1, (await Next(received)).Seq);

        Assert.Equal(dropped + 1, (await Scrape.OfAsync(cluster.A)).Value("broker_frames_dropped_total"));
        frames.Writer.Complete();
        await upload.WaitAsync(TimeSpan.FromSeconds(15), Cancel);

        // Leave the hosts' gauges as they were: the other tests here count from them.
        await (await scene.Agent.DeleteAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        await device.DisposeAsync();
        await Scrape.UntilAsync(cluster.B, "broker_devices_connected", v => v == devicesOnB, "host B no longer counts the device");
    }

    [Fact]
    public async Task Failed_sign_ins_and_enrollments_are_counted()
    {
        using var admin = await cluster.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        using var anonymous = ApiClient.Anonymous(cluster.B);
        var before = await Scrape.OfAsync(cluster.B);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Routes.Login, new LoginRequest(BrokerHost.AdminEmail, "not-the-password"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(Routes.Enroll, new EnrollRequest(
            EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-1", "Linux", EnrollmentCode: group.EnrollmentCode))).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.PostAsync(Routes.Enroll, new EnrollRequest(
            EnrollMethods.Installer, Guid.NewGuid().ToString(), "PC-2", "Linux", EnrollmentCode: group.EnrollmentCode + "x"))).StatusCode);

        var after = await Scrape.OfAsync(cluster.B);
        Assert.Equal(before.Value("broker_logins_failed_total", "reason=\"credentials\"") + 1, after.Value("broker_logins_failed_total", "reason=\"credentials\""));
        Assert.Equal(before.Value("broker_enrollments_total", "method=\"installer\"", "outcome=\"enrolled\"") + 1,
            after.Value("broker_enrollments_total", "method=\"installer\"", "outcome=\"enrolled\""));
        Assert.Equal(before.Value("broker_enrollments_total", "method=\"installer\"", "outcome=\"refused\"") + 1,
            after.Value("broker_enrollments_total", "method=\"installer\"", "outcome=\"refused\""));
        Assert.DoesNotContain(group.EnrollmentCode!, after.Text);
    }
}
