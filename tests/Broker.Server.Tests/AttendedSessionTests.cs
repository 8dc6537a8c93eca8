using System.Net;
using System.Threading.Channels;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>The attended session and the unattended setup in it, end to end with real SignalR clients on both sides.</summary>
[Collection(HostCollection.Name)]
public sealed class AttendedSessionTests(HostFixture fixture)
{
    private sealed record Scene(ApiClient Agent, string Password, Guid DeviceGroupId, Guid SessionId, string SupportKey) : IDisposable
    {
        public void Dispose() => Agent.Dispose();
    }

    private async Task<Scene> SceneAsync(bool unattended = true)
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: unattended);
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        var client = await ApiClient.SignInAsync(fixture.Host, agent.Email, password);
        var session = await (await client.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        return new Scene(client, password, group.Id, session.SessionId, session.SupportKey!);
    }

    private HubConnection Viewer(ApiClient agent, Channel<string> progress)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.Address, HubRoutes.Agent), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult(agent.Http.DefaultRequestHeaders.Authorization!.Parameter);
            })
            .Build();
        connection.On<Guid, string, string>(nameof(IAgentClient.SetupProgress), (_, state, message) => progress.Writer.TryWrite($"{state}: {message}"));
        return connection;
    }

    private async Task<(HubConnection Customer, Channel<(Guid SetupId, string Agent)> Consent, Channel<(Guid DeviceId, string Token)> Enrolled)> CustomerAsync(
        string supportKey, string? machineKey = null)
    {
        using var anonymous = ApiClient.Anonymous(fixture.Host);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(supportKey, "CUSTOMER-PC", "Windows 11 Pro", machineKey ?? Guid.NewGuid().ToString())))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        var customer = DeviceConnection.Create(fixture.Host, joined.SessionToken);
        var consent = Channel.CreateUnbounded<(Guid, string)>();
        var enrolled = Channel.CreateUnbounded<(Guid, string)>();
        customer.On<Guid, string>(nameof(IDeviceClient.RequestConsent), (setupId, agent) => consent.Writer.TryWrite((setupId, agent)));
        customer.On<Guid, string>(nameof(IDeviceClient.Enrolled), (deviceId, token) => enrolled.Writer.TryWrite((deviceId, token)));
        await customer.StartTakenAsync();
        return (customer, consent, enrolled);
    }

    private static async Task<T> Next<T>(Channel<T> channel) =>
        await channel.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

    private async Task<SessionResponse> SessionAsync(Scene scene) =>
        await (await scene.Agent.GetAsync(Routes.Session(scene.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);

    [Fact]
    public async Task The_customer_allows_unattended_access_and_the_computer_becomes_a_device_of_the_chosen_group()
    {
        using var scene = await SceneAsync();
        var progress = Channel.CreateUnbounded<string>();
        await using var viewer = Viewer(scene.Agent, progress);
        await viewer.StartTakenAsViewerAsync();
        var (customer, consent, enrolled) = await CustomerAsync(scene.SupportKey);
        await using var _ = customer;
        Assert.True((await SessionAsync(scene)).UnattendedSetup.Available);

        await (await scene.Agent.PostAsync(Routes.UnattendedSetup(scene.SessionId), new StartSetupRequest("not-my-password"))).ExpectValidationErrorAsync("password");
        var started = await (await scene.Agent.PostAsync(Routes.UnattendedSetup(scene.SessionId), new StartSetupRequest(scene.Password)))
            .ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal("requesting-consent", started.UnattendedSetup.State);
        Assert.Equal("requesting-consent: Requesting unattended support access…", await Next(progress));

        var (setupId, agentName) = await Next(consent);
        Assert.Equal(started.UnattendedSetup.SetupId, setupId);
        Assert.Equal("Test Agent", agentName);
        await customer.InvokeAsync(nameof(IDeviceHub.AnswerConsent), setupId, true, true, TestContext.Current.CancellationToken);
        Assert.StartsWith("allowed:", await Next(progress));

        await (await scene.Agent.PostAsync(Routes.CompleteUnattendedSetup(scene.SessionId), new CompleteSetupRequest(" ", scene.DeviceGroupId)))
            .ExpectValidationErrorAsync("nickname");
        await (await scene.Agent.PostAsync(Routes.CompleteUnattendedSetup(scene.SessionId), new CompleteSetupRequest(new string('n', 101), scene.DeviceGroupId)))
            .ExpectValidationErrorAsync("nickname");
        await (await scene.Agent.PostAsync(Routes.CompleteUnattendedSetup(scene.SessionId), new CompleteSetupRequest("Customer laptop", Guid.NewGuid())))
            .ExpectValidationErrorAsync("deviceGroupId");
        Assert.Equal("allowed", (await SessionAsync(scene)).UnattendedSetup.State);

        var completed = await (await scene.Agent.PostAsync(Routes.CompleteUnattendedSetup(scene.SessionId), new CompleteSetupRequest("Customer laptop", scene.DeviceGroupId)))
            .ExpectAsync<CompleteSetupResponse>(HttpStatusCode.OK);
        Assert.Equal("Unattended support set up successfully.", completed.Message);
        Assert.StartsWith("completed: Unattended support set up successfully.", await Next(progress));

        var (deviceId, token) = await Next(enrolled);
        Assert.Equal(completed.DeviceId, deviceId);
        await using var device = DeviceConnection.Create(fixture.Host, token);
        await device.StartTakenAsync();
        var listed = await (await scene.Agent.GetAsync(Routes.Device(deviceId))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK);
        Assert.Equal(("Customer laptop", EnrollmentMethod.AttendedSession, true, true), (listed.Nickname, listed.EnrollmentMethod, listed.CredentialStored, listed.Online));
        Assert.False((await SessionAsync(scene)).UnattendedSetup.Available);
    }

    [Fact]
    public async Task A_declined_consent_tells_the_agent_setup_could_not_be_completed()
    {
        using var scene = await SceneAsync();
        var progress = Channel.CreateUnbounded<string>();
        await using var viewer = Viewer(scene.Agent, progress);
        await viewer.StartTakenAsViewerAsync();
        var (customer, consent, _) = await CustomerAsync(scene.SupportKey);
        await using var __ = customer;
        await (await scene.Agent.PostAsync(Routes.UnattendedSetup(scene.SessionId), new StartSetupRequest(scene.Password))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        await Next(progress);

        await customer.InvokeAsync(nameof(IDeviceHub.AnswerConsent), (await Next(consent)).SetupId, false, false, TestContext.Current.CancellationToken);

        Assert.Contains("setup could not be completed", await Next(progress));
        await (await scene.Agent.PostAsync(Routes.CompleteUnattendedSetup(scene.SessionId), new CompleteSetupRequest("PC", scene.DeviceGroupId)))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_agent_can_cancel_while_consent_is_requested_and_a_late_answer_is_refused()
    {
        using var scene = await SceneAsync();
        var (customer, consent, _) = await CustomerAsync(scene.SupportKey);
        await using var __ = customer;
        await (await scene.Agent.PostAsync(Routes.UnattendedSetup(scene.SessionId), new StartSetupRequest(scene.Password))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        var (setupId, _) = await Next(consent);

        var cancelled = await (await scene.Agent.DeleteAsync(Routes.UnattendedSetup(scene.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.UnattendedSetup.State);
        var late = await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync(nameof(IDeviceHub.AnswerConsent), setupId, true, true, TestContext.Current.CancellationToken));
        Assert.Contains("no longer open", late.Message);
    }

    [Fact]
    public async Task Setup_is_greyed_out_with_the_reason_when_the_agent_may_not_give_unattended_support()
    {
        using var scene = await SceneAsync(unattended: false);
        var (customer, consent, _) = await CustomerAsync(scene.SupportKey);
        await using var __ = customer;

        var session = await SessionAsync(scene);
        Assert.False(session.UnattendedSetup.Available);
        Assert.Equal("Your permissions do not allow unattended support.", session.UnattendedSetup.UnavailableReason);
        var refused = await (await scene.Agent.PostAsync(Routes.UnattendedSetup(scene.SessionId), new StartSetupRequest(scene.Password)))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Your permissions do not allow unattended support.", refused.GetProperty("detail").GetString());
        Assert.False(consent.Reader.TryRead(out var _));
    }

    [Fact]
    public async Task A_support_key_works_once_and_bad_keys_are_refused_clearly()
    {
        using var scene = await SceneAsync();
        using var anonymous = ApiClient.Anonymous(fixture.Host);
        var join = new JoinRequest(scene.SupportKey, "PC", "Linux");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(Routes.Join, join)).StatusCode);
        await (await anonymous.PostAsync(Routes.Join, join)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.PostAsync(Routes.Join, join with { SupportKey = "12345" })).ExpectValidationErrorAsync("supportKey");
        await (await anonymous.PostAsync(Routes.Join, join with { ComputerName = "" })).ExpectValidationErrorAsync("computerName");
        Assert.Matches("^[0-9]{9}$", scene.SupportKey);
    }

    [Fact]
    public async Task Session_requests_are_validated_and_others_cannot_read_a_session()
    {
        using var scene = await SceneAsync();
        using var admin = await fixture.AdminAsync();

        await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest("remote"))).ExpectValidationErrorAsync("kind");
        await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended))).ExpectValidationErrorAsync("deviceId");
        await (await scene.Agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended, Guid.NewGuid()))).ExpectValidationErrorAsync("deviceId");
        await (await admin.GetAsync(Routes.Session(scene.SessionId))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
