using System.Net;
using Broker.Contracts;
using Broker.Contracts.Sessions;
using Broker.Endpoint.Tests.Fakes;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Tests.Commands;

/// <summary>
/// <c>join</c>: the support key goes to the (fake) HTTP API, the session token to a device hub on a real port, through
/// the real SignalR client.
/// </summary>
public sealed class JoinCommandTests : IDisposable
{
    private const string SessionToken = "st1.session-token";

    private readonly EndpointHarness endpoint = new();
    private readonly Guid sessionId = Guid.NewGuid();
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        endpoint.Dispose();
    }

    private void KeyAccepted() =>
        endpoint.Api.On(HttpMethod.Post, Routes.Join, () => FakeBrokerApi.Json(new JoinResponse(sessionId, SessionToken)));

    private Task<int> JoinAsync(string server, string stdin = "", params string[] options) =>
        endpoint.RunAsync(stdin, stop.Token, ["join", "--server", server, "--key", "123 456-789", "--config", endpoint.ConfigPath, .. options]);

    private static Task<int> Within(Task<int> run) => run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Join_sends_the_key_and_this_computer_then_connects_with_the_session_token_and_ends_with_the_session()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        KeyAccepted();

        var join = JoinAsync(broker.Server);
        await endpoint.Out.WaitForAsync($"Joined session {sessionId} as {EndpointHarness.ComputerName}");
        await broker.HoldsConnectionAsync();
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");

        Assert.Equal(ExitCodes.Success, await Within(join));
        Assert.Equal(
            new JoinRequest("123 456-789", EndpointHarness.ComputerName, "Ubuntu 24.04.1 LTS (test)", endpoint.MachineKey),
            Assert.Single(endpoint.Api.To(Routes.Join)).Json<JoinRequest>());
        Assert.Equal([SessionToken], broker.ConnectedWith);
        Assert.Equal(0, broker.Heartbeats);
        Assert.Contains("Session ended: The agent ended the session.", endpoint.Out.Text);
        Assert.False(File.Exists(endpoint.ConfigPath));
        Assert.Empty(endpoint.Error.Text);
    }

    [Fact]
    public async Task Allowing_unattended_access_saves_the_identity_the_broker_hands_over_for_run_to_use()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        KeyAccepted();
        var join = JoinAsync(broker.Server, options: ["--consent", "allow"]);
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();
        var setupId = Guid.NewGuid();
        var deviceId = Guid.NewGuid();

        await broker.Hub.Clients.All.RequestConsent(setupId, "Ana Agent");
        await endpoint.Out.WaitForAsync("Consent given");
        await broker.Hub.Clients.All.Enrolled(deviceId, "dt1.new-device-token");
        await endpoint.Out.WaitForAsync($"Unattended access set up: this computer is device {deviceId}");
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");

        Assert.Equal(ExitCodes.Success, await Within(join));
        Assert.Equal((setupId, true, false), Assert.Single(broker.ConsentAnswers));
        Assert.Contains("Consent requested by Ana Agent", endpoint.Out.Text);
        Assert.Contains("Consent given", endpoint.Out.Text);
        Assert.Contains($"broker-endpoint run --config {endpoint.ConfigPath}", endpoint.Out.Text);
        var identity = endpoint.Store.Load()!;
        Assert.Equal(
            (broker.Server, deviceId, "dt1.new-device-token", endpoint.MachineKey),
            (identity.Server, identity.DeviceId, identity.DeviceToken, identity.MachineKey));
        Assert.Null(identity.DeviceGroupId);
    }

    [Fact]
    public async Task An_identity_saved_by_join_is_what_run_connects_with()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken, "dt1.new-device-token");
        KeyAccepted();
        var join = JoinAsync(broker.Server, options: ["--consent", "allow"]);
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();
        var deviceId = Guid.NewGuid();
        await broker.Hub.Clients.All.Enrolled(deviceId, "dt1.new-device-token");
        await endpoint.Out.WaitForAsync("Unattended access set up");
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");
        Assert.Equal(ExitCodes.Success, await Within(join));

        var run = endpoint.RunAsync("", stop.Token, "run", "--config", endpoint.ConfigPath);

        await endpoint.Out.WaitForAsync($"Connected to {broker.Server} as {deviceId}");
        stop.Cancel();
        Assert.Equal(ExitCodes.Success, await Within(run));
        await Eventually.HoldsAsync(() => broker.ConnectedWith.Count == 2, "the fake hub records the second connection");
        Assert.Equal([SessionToken, "dt1.new-device-token"], broker.ConnectedWith);
    }

    [Fact]
    public async Task A_declined_request_is_answered_no_and_leaves_nothing_on_this_computer()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        KeyAccepted();
        var join = JoinAsync(broker.Server, "n\n");
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();
        var setupId = Guid.NewGuid();

        await broker.Hub.Clients.All.RequestConsent(setupId, "Ana Agent");

        await Eventually.HoldsAsync(() => !broker.ConsentAnswers.IsEmpty, "the consent answer arrives");
        Assert.Equal((setupId, false, false), Assert.Single(broker.ConsentAnswers));
        await endpoint.Out.WaitForAsync("Consent declined");
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");
        Assert.Equal(ExitCodes.Success, await Within(join));
        Assert.False(File.Exists(endpoint.ConfigPath));
    }

    /// <param name="beforeTheReply">The session ends while the broker has the answer but has not replied to it yet.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_OS_login_stored_for_a_setup_that_never_completed_is_removed_when_join_ends(bool beforeTheReply)
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        if (beforeTheReply)
        {
            broker.ConsentReplyHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        KeyAccepted();
        var join = JoinAsync(broker.Server, "y\ny\nCONTOSO\\frontdesk\nos-password-42\n");
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();

        await broker.Hub.Clients.All.RequestConsent(Guid.NewGuid(), "Ana Agent");
        await Eventually.HoldsAsync(() => !broker.ConsentAnswers.IsEmpty, "the consent answer arrives");
        var vault = new CredentialVault(endpoint.Store.Directory);
        Assert.True(vault.HasCredential);
        Assert.True(Assert.Single(broker.ConsentAnswers).CredentialStored);

        // The agent cancels the setup, then ends the session: no device, so no reason to keep the login.
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");

        Assert.Equal(ExitCodes.Success, await Within(join));
        Assert.False(vault.HasCredential);
        Assert.DoesNotContain("os-password-42", endpoint.Out.Text + endpoint.Error.Text);
        if (beforeTheReply)
        {
            Assert.DoesNotContain("Consent given", endpoint.Out.Text);
        }
    }

    [Fact]
    public async Task A_wrong_or_used_key_ends_with_exit_code_4_and_advice()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Join, () => FakeBrokerApi.Problem(
            HttpStatusCode.NotFound, "No attended session is waiting for this support key.", "Unknown support key"));

        var exit = await JoinAsync("https://broker.example.com");

        Assert.Equal(ExitCodes.EnrollmentRefused, exit);
        Assert.Contains("No attended session is waiting for this support key.", endpoint.Error.Text);
        Assert.Contains("ask the agent for a new one", endpoint.Error.Text);
        Assert.False(File.Exists(endpoint.ConfigPath));
    }

    [Fact]
    public async Task A_malformed_key_is_a_usage_error_with_the_brokers_reasons()
    {
        endpoint.Api.On(HttpMethod.Post, Routes.Join, () => FakeBrokerApi.Problem(
            HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new() { ["supportKey"] = ["The support key is 9 digits."] }));

        var exit = await JoinAsync("https://broker.example.com");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("the broker refused the join request as invalid", endpoint.Error.Text);
        Assert.Contains("The support key is 9 digits.", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_session_token_refused_at_reconnect_ends_with_exit_code_5_and_says_to_ask_for_a_new_key()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        KeyAccepted();
        var join = JoinAsync(broker.Server);
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();

        // The session ends while the computer is away: the broker no longer takes its token.
        broker.Tokens.TryRemove(SessionToken, out _);
        broker.DropAll();

        Assert.Equal(ExitCodes.DeviceRemoved, await Within(join));
        Assert.Contains("the session has ended", endpoint.Error.Text);
        Assert.Contains($"broker-endpoint join --server {broker.Server} --key KEY", endpoint.Error.Text);
    }

    [Fact]
    public async Task Ctrl_C_leaves_the_session_with_exit_code_0()
    {
        await using var broker = await FakeBroker.StartAsync(SessionToken);
        KeyAccepted();
        var join = JoinAsync(broker.Server);
        await endpoint.Out.WaitForAsync("Joined session");
        await broker.HoldsConnectionAsync();

        stop.Cancel();

        Assert.Equal(ExitCodes.Success, await Within(join));
        Assert.EndsWith("Stopped." + Environment.NewLine, endpoint.Out.Text);
    }
}
