using Broker.Contracts.Hubs;
using Broker.Endpoint.Tests.Fakes;
using Broker.Endpoint.Vault;

namespace Broker.Endpoint.Tests.Connection;

/// <summary><c>run</c> with an identity, against a device hub on a real port, through the real SignalR client.</summary>
public sealed class DeviceConnectionTests : IDisposable
{
    private const string Token = "dt1.good-token";

    private readonly EndpointHarness endpoint = new();
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        endpoint.Dispose();
    }

    private Task<int> RunAsync(string stdin = "", params string[] options) =>
        endpoint.RunAsync(stdin, stop.Token, ["run", "--config", endpoint.ConfigPath, .. options]);

    private async Task<int> StopAsync(Task<int> run)
    {
        stop.Cancel();
        return await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_endpoint_connects_over_one_WebSocket_with_its_device_token_and_heartbeats()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        var identity = endpoint.Enrolled(broker.Server, Token);

        var run = RunAsync(options: ["--heartbeat", "1"]);
        await endpoint.Out.WaitForAsync($"Connected to {broker.Server} as {identity.DeviceId}");
        await Eventually.HoldsAsync(() => broker.Heartbeats >= 3, "three heartbeats (one at connect, then one a second)");

        Assert.Equal(ExitCodes.Success, await StopAsync(run));
        Assert.EndsWith("Stopped." + Environment.NewLine, endpoint.Out.Text);
        Assert.Equal([Token], broker.ConnectedWith);
        Assert.DoesNotContain(broker.Paths, path => path.Contains("negotiate", StringComparison.Ordinal));
        Assert.Empty(endpoint.Error.Text);
    }

    [Fact]
    public async Task A_dropped_connection_is_announced_and_made_again()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        var identity = endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync();
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();

        broker.DropAll();

        await endpoint.Out.WaitForAsync("Disconnected; retrying in");
        await endpoint.Out.WaitForAsync($"Connected to {broker.Server} as {identity.DeviceId}", times: 2);
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Fact]
    public async Task An_endpoint_that_starts_before_its_broker_keeps_trying_until_the_broker_is_there()
    {
        await using var broker = FakeBroker.NotStarted();
        broker.Tokens[Token] = true;
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync();
        await endpoint.Out.WaitForAsync($"Cannot connect to {broker.Server}:", times: 2);

        await broker.StartAsync();

        await endpoint.Out.WaitForAsync($"Connected to {broker.Server}");
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Fact]
    public async Task A_refused_device_token_ends_the_run_with_exit_code_5_and_says_how_to_enrol_again()
    {
        await using var broker = await FakeBroker.StartAsync("dt1.some-other-device");
        endpoint.Enrolled(broker.Server, Token);

        var exit = await RunAsync().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.DeviceRemoved, exit);
        Assert.Contains("this computer's unattended access was removed", endpoint.Error.Text);
        Assert.Contains($"broker-endpoint setup --server {broker.Server}", endpoint.Error.Text);
        Assert.DoesNotContain("retrying", endpoint.Out.Text);
        Assert.DoesNotContain("   at ", endpoint.Error.Text);
    }

    [Fact]
    public async Task A_device_removed_while_connected_ends_the_run_with_exit_code_5_at_the_reconnect()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync();
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();

        broker.Tokens.Clear();
        broker.DropAll();

        Assert.Equal(ExitCodes.DeviceRemoved, await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Contains("unattended access was removed", endpoint.Error.Text);
    }

    [Fact]
    public async Task Consent_asked_on_the_terminal_is_answered_and_the_OS_login_goes_to_the_vault_only()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync("y\ny\nCONTOSO\\frontdesk\nos-password-42\n");
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();
        var setupId = Guid.NewGuid();

        await broker.Hub.Clients.All.RequestConsent(setupId, "Ana Agent");

        await Eventually.HoldsAsync(() => !broker.ConsentAnswers.IsEmpty, "the consent answer arrives");
        Assert.Equal((setupId, true, true), Assert.Single(broker.ConsentAnswers));
        Assert.Contains("Agent Ana Agent asks for unattended access to this computer. Allow? [y/N]", endpoint.Error.Text);
        Assert.Contains("Store your OS login so the agent can sign in without you? [y/N]", endpoint.Error.Text);
        await endpoint.Out.WaitForAsync("Allowed unattended access for agent Ana Agent; the OS login is stored on this computer only");
        Assert.Equal(new OsCredential(@"CONTOSO\frontdesk", "os-password-42"), new CredentialVault(endpoint.Store.Directory).Load());
        Assert.DoesNotContain("os-password-42", endpoint.Out.Text + endpoint.Error.Text);
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Theory]
    [InlineData("", new[] { "--consent", "ask" }, false)]
    [InlineData("", new[] { "--consent", "deny" }, false)]
    [InlineData("", new[] { "--consent", "allow" }, true)]
    public async Task Consent_follows_the_consent_option_and_no_answer_means_no(string stdin, string[] options, bool allowed)
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync(stdin, options);
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();
        var setupId = Guid.NewGuid();

        await broker.Hub.Clients.All.RequestConsent(setupId, "Ana Agent");

        await Eventually.HoldsAsync(() => !broker.ConsentAnswers.IsEmpty, "the consent answer arrives");
        Assert.Equal((setupId, allowed, false), Assert.Single(broker.ConsentAnswers));
        Assert.False(new CredentialVault(endpoint.Store.Directory).HasCredential);
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Fact]
    public async Task A_consent_answer_the_broker_refuses_is_reported_in_the_broker_s_words()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        broker.ConsentRefusal = "The consent request is no longer open.";
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync(options: ["--consent", "allow"]);
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();

        await broker.Hub.Clients.All.RequestConsent(Guid.NewGuid(), "Ana Agent");

        await endpoint.Error.WaitForAsync("error: the broker did not take the consent answer: The consent request is no longer open." + Environment.NewLine);
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Fact]
    public async Task A_new_identity_from_the_broker_is_saved_and_used_to_connect_again()
    {
        await using var broker = await FakeBroker.StartAsync(Token, "dt1.new-token");
        var identity = endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync();
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();
        var newDeviceId = Guid.NewGuid();

        await broker.Hub.Clients.All.Enrolled(newDeviceId, "dt1.new-token");

        await endpoint.Out.WaitForAsync($"Connected to {broker.Server} as {newDeviceId}");
        await Eventually.HoldsAsync(() => broker.ConnectedWith.Count == 2, "the fake hub records the second connection");
        Assert.Equal([Token, "dt1.new-token"], broker.ConnectedWith);
        var saved = endpoint.Store.Load()!;
        Assert.Equal((newDeviceId, "dt1.new-token", identity.MachineKey), (saved.DeviceId, saved.DeviceToken, saved.MachineKey));
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }

    [Fact]
    public async Task Sessions_and_input_are_reported_without_what_the_agent_typed()
    {
        await using var broker = await FakeBroker.StartAsync(Token);
        endpoint.Enrolled(broker.Server, Token);
        var run = RunAsync();
        await endpoint.Out.WaitForAsync("Connected to");
        await broker.HoldsConnectionAsync();
        var sessionId = Guid.NewGuid();

        await broker.Hub.Clients.All.StartSession(sessionId, "unattended");
        await broker.Hub.Clients.All.Input(sessionId, new InputEvent("pointer-move", X: 10.5, Y: 20));
        await broker.Hub.Clients.All.Input(sessionId, new InputEvent("pointer-down", X: 10.5, Y: 20, Button: 0));
        await broker.Hub.Clients.All.Input(sessionId, new InputEvent("key-down", Key: "h"));
        await broker.Hub.Clients.All.Input(sessionId, new InputEvent("text", Text: "hunter2"));
        await broker.Hub.Clients.All.EndSession(sessionId, "The agent ended the session.");

        await endpoint.Out.WaitForAsync($"Session {sessionId} ended: The agent ended the session.");
        Assert.Contains($"Session {sessionId} started (unattended); sending a 640x360 test pattern as png at 10 fps", endpoint.Out.Text);
        Assert.Contains($"Input in session {sessionId}: pointer-down at 10.5,20{Environment.NewLine}", endpoint.Out.Text);
        Assert.Contains($"Input in session {sessionId}: key-down{Environment.NewLine}", endpoint.Out.Text);
        Assert.Contains($"Input in session {sessionId}: text{Environment.NewLine}", endpoint.Out.Text);
        Assert.DoesNotContain("pointer-move", endpoint.Out.Text);
        Assert.DoesNotContain("hunter2", endpoint.Out.Text + endpoint.Error.Text);
        Assert.Equal(ExitCodes.Success, await StopAsync(run));
    }
}
