using Broker.Contracts;
using Broker.Contracts.Enrollment;
using Broker.Contracts.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>brokerctl end to end against a running host: the README's first steps, and its errors.</summary>
[Collection(HostCollection.Name)]
public sealed class BrokerctlTests(HostFixture fixture)
{
    private string Server => fixture.Host.Address.ToString();

    [Fact]
    public async Task An_admin_sets_up_a_user_group_an_agent_and_a_device_group_and_the_agent_sees_its_permissions()
    {
        using var admin = new Brokerctl();
        Expect(0, await admin.RunAsync(BrokerHost.AdminPassword, "login", "--server", Server, "--email", BrokerHost.AdminEmail, "--password-stdin"));

        var userGroup = Expect(0, await admin.RunAsync(null, "user-groups", "create", "--name", $"Support {Guid.NewGuid():N}", "--unattended", "true", "--json")).Json;
        var deviceGroup = Expect(0, await admin.RunAsync(null, "device-groups", "create", "--name", $"Contoso {Guid.NewGuid():N}", "--json")).Json;
        var email = $"{Guid.NewGuid():N}@example.test";
        var agent = Expect(0, await admin.RunAsync("agent-password-1", "agents", "create", "--email", email, "--display-name", "Ana",
            "--password-stdin", "--role", "agent", "--user-group", userGroup.GetProperty("id").GetString()!,
            "--device-group", deviceGroup.GetProperty("id").GetString()!, "--json")).Json;
        Assert.StartsWith("ec1-", deviceGroup.GetProperty("enrollmentCode").GetString());

        var list = Expect(0, await admin.RunAsync(null, "agents", "list"));
        Assert.Contains(email, list.Stdout);

        using var ana = new Brokerctl();
        Expect(0, await ana.RunAsync("agent-password-1", "login", "--server", Server, "--email", email, "--password-stdin"));
        var me = Expect(0, await ana.RunAsync(null, "whoami", "--json")).Json;

        Assert.Equal(agent.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.True(me.GetProperty("permissions").GetProperty("unattendedSupport").GetBoolean());
        Assert.Equal(deviceGroup.GetProperty("id").GetString(), me.GetProperty("deviceGroups")[0].GetProperty("id").GetString());
        var audit = Expect(0, await admin.RunAsync(null, "audit", "--action", "agent.create", "--json")).Json;
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == agent.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Errors_are_words_on_stderr_with_exit_codes_scripts_can_tell_apart()
    {
        using var admin = new Brokerctl();
        Expect(0, await admin.RunAsync(BrokerHost.AdminPassword, "login", "--server", Server, "--email", BrokerHost.AdminEmail, "--password-stdin"));
        var name = $"Support {Guid.NewGuid():N}";
        Expect(0, await admin.RunAsync(null, "user-groups", "create", "--name", name));

        var conflict = Expect(5, await admin.RunAsync(null, "user-groups", "create", "--name", name));
        Assert.Contains("exists already", conflict.Stderr);

        var invalid = Expect(2, await admin.RunAsync(null, "user-groups", "create", "--name", " "));
        Assert.Contains("name: A name is required.", invalid.Stderr);

        Expect(4, await admin.RunAsync(null, "user-groups", "get", Guid.NewGuid().ToString()));
        Expect(2, await admin.RunAsync(null, "user-groups", "frobnicate"));
        Assert.DoesNotContain("   at ", conflict.Stderr + invalid.Stderr);
    }

    [Fact]
    public async Task Without_a_session_or_the_right_role_brokerctl_exits_3_and_says_why()
    {
        using var nobody = new Brokerctl();
        var notSignedIn = Expect(3, await nobody.RunAsync(null, "user-groups", "list", "--server", Server));
        Assert.Contains("brokerctl login", notSignedIn.Stderr);

        Expect(3, await nobody.RunAsync("wrong-password", "login", "--server", Server, "--email", BrokerHost.AdminEmail, "--password-stdin"));

        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateUserGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(group.Id);
        using var ana = new Brokerctl();
        Expect(0, await ana.RunAsync(password, "login", "--server", Server, "--email", agent.Email, "--password-stdin"));
        Expect(3, await ana.RunAsync(null, "agents", "list"));
    }

    [Fact]
    public async Task An_agent_lists_renames_and_removes_its_devices()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync();
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        var enrolled = await (await admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), "FRONTDESK-01", "Windows 11", EnrollmentCode: group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(System.Net.HttpStatusCode.OK);
        using var ana = new Brokerctl();
        Expect(0, await ana.RunAsync(password, "login", "--server", Server, "--email", agent.Email, "--password-stdin"));

        Assert.Contains("FRONTDESK-01", Expect(0, await ana.RunAsync(null, "devices", "list", "-q", "frontdesk")).Stdout);
        Assert.Contains(group.Name, Expect(0, await ana.RunAsync(null, "dashboard")).Stdout);
        var renamed = Expect(0, await ana.RunAsync(null, "devices", "rename", enrolled.DeviceId.ToString(), "--nickname", "Front desk", "--json")).Json;
        Assert.Equal("Front desk", renamed.GetProperty("nickname").GetString());
        Expect(0, await ana.RunAsync(null, "devices", "remove", enrolled.DeviceId.ToString()));
        Expect(4, await ana.RunAsync(null, "devices", "get", enrolled.DeviceId.ToString()));
    }

    [Fact]
    public async Task An_unreachable_server_exits_6()
    {
        using var nobody = new Brokerctl();

        var run = Expect(6, await nobody.RunAsync("x", "login", "--server", "http://127.0.0.1:9", "--email", "a@b.test", "--password-stdin"));

        Assert.Contains("cannot reach", run.Stderr);
    }

    [Fact]
    public async Task An_agent_starts_an_unattended_session_watches_its_frames_sends_input_and_ends_it()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: true);
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        var enrolled = await (await admin.PostAsync(Routes.Enroll, new EnrollRequest(
                EnrollMethods.Installer, Guid.NewGuid().ToString(), "FRONTDESK-02", "Windows 11", EnrollmentCode: group.EnrollmentCode)))
            .ExpectAsync<EnrollResponse>(System.Net.HttpStatusCode.OK);
        await using var device = DeviceConnection.Create(fixture.Host, enrolled.DeviceToken);
        var started = System.Threading.Channels.Channel.CreateUnbounded<Guid>();
        var inputs = System.Threading.Channels.Channel.CreateUnbounded<InputEvent>();
        var ended = System.Threading.Channels.Channel.CreateUnbounded<string>();
        device.On<Guid, string>(nameof(IDeviceClient.StartSession), (id, _) => started.Writer.TryWrite(id));
        device.On<Guid, InputEvent>(nameof(IDeviceClient.Input), (_, input) => inputs.Writer.TryWrite(input));
        device.On<Guid, string>(nameof(IDeviceClient.EndSession), (_, reason) => ended.Writer.TryWrite(reason));
        await device.StartAsync(TestContext.Current.CancellationToken);
        await device.InvokeAsync(nameof(IDeviceHub.Heartbeat), TestContext.Current.CancellationToken);
        using var ana = new Brokerctl();
        Expect(0, await ana.RunAsync(password, "login", "--server", Server, "--email", agent.Email, "--password-stdin"));

        Expect(2, await ana.RunAsync(null, "sessions", "start"));
        var session = Expect(0, await ana.RunAsync(null, "sessions", "start", "--device", enrolled.DeviceId.ToString(), "--json")).Json;
        var sessionId = session.GetProperty("sessionId").GetGuid();
        Assert.Equal(sessionId, await LiveScene.Next(started));

        // The endpoint streams frames while brokerctl watches two of them.
        using var uploading = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var frames = System.Threading.Channels.Channel.CreateUnbounded<Frame>();
        var upload = device.InvokeAsync(nameof(IDeviceHub.UploadFrames), sessionId, frames.Reader, uploading.Token);
        var producer = Task.Run(async () =>
        {
            for (var seq = 1L; !uploading.IsCancellationRequested; seq++)
            {
                await frames.Writer.WriteAsync(LiveScene.FrameOf(sessionId, seq, 2048), uploading.Token);
                await Task.Delay(50, uploading.Token);
            }
        }, uploading.Token);
        var watched = Expect(0, await ana.RunAsync(null, "sessions", "watch", sessionId.ToString(), "--frames", "2"));
        Assert.Equal(2, watched.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.StartsWith("frame ", StringComparison.Ordinal)));
        Assert.Contains("64x48 png 2048 bytes", watched.Stdout);

        Expect(0, await ana.RunAsync(null, "sessions", "input", sessionId.ToString(), "--kind", "pointer-move", "--x", "5", "--y", "6"));
        Assert.Equal(new InputEvent("pointer-move", X: 5, Y: 6), await LiveScene.Next(inputs));
        Assert.Contains("active", Expect(0, await ana.RunAsync(null, "sessions", "get", sessionId.ToString())).Stdout);
        Assert.Contains("The agent ended the session.", Expect(0, await ana.RunAsync(null, "sessions", "end", sessionId.ToString())).Stdout);
        Assert.Equal("The agent ended the session.", await LiveScene.Next(ended));
        Expect(5, await ana.RunAsync(null, "sessions", "input", sessionId.ToString(), "--kind", "pointer-move", "--x", "5", "--y", "6"));
        var listed = Expect(0, await ana.RunAsync(null, "sessions", "list", "--open", "false", "--json")).Json;
        Assert.Equal(sessionId, listed[0].GetProperty("id").GetGuid());
        Assert.Equal("ended", listed[0].GetProperty("state").GetString());
        Assert.Contains("No sessions.", Expect(0, await ana.RunAsync(null, "sessions", "list", "--open", "true")).Stdout);
        await uploading.CancelAsync();
        await Task.WhenAll(upload, producer).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static CliRun Expect(int exitCode, CliRun run)
    {
        Assert.True(run.ExitCode == exitCode, $"expected exit {exitCode}, got {run}");
        return run;
    }
}
