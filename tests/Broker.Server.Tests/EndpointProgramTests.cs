using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Hubs;
using Broker.Contracts.Installers;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Server.Tests;

/// <summary>The real broker-endpoint program against a running broker: the Linux installer, the portal method and join.</summary>
[Collection(HostCollection.Name)]
public sealed class EndpointProgramTests(HostFixture fixture) : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "endpoint-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    /// <summary>The linux-x64 base package as tools/publish-linux-installer.sh lays it out, from the endpoint as built for the tests.</summary>
    private static byte[] LinuxPackage()
    {
        var built = BuiltProgram.OutputFolder(Path.Combine("src", "Broker.Endpoint"));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
            {
                tar.WriteEntry(file, $"broker-endpoint/{Path.GetRelativePath(built, file).Replace('\\', '/')}");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Each endpoint gets its own machine id, so the endpoints of different tests are different computers.</summary>
    private Dictionary<string, string> MachineOf(string name)
    {
        Directory.CreateDirectory(_home);
        var path = Path.Combine(_home, $"{name}.machine-id");
        File.WriteAllText(path, Guid.NewGuid().ToString("N"));
        return new() { ["BROKER_ENDPOINT_MACHINE_ID_FILE"] = path };
    }

    [Fact]
    public async Task The_linux_installer_of_a_group_is_unpacked_started_and_enrols_into_that_group_by_itself()
    {
        using var admin = await fixture.AdminAsync();
        var upload = await admin.Http.PutAsync($"{Routes.Installer("linux-x64")}?fileName=broker-endpoint-linux-x64.tar.gz",
            new ByteArrayContent(LinuxPackage()) { Headers = { ContentType = new MediaTypeHeaderValue("application/gzip") } }, TestContext.Current.CancellationToken);
        await upload.ExpectAsync<InstallerResponse>(HttpStatusCode.OK);
        var group = await admin.CreateDeviceGroupAsync();

        var download = await admin.GetAsync(Routes.GroupInstaller(group.Id, "linux-x64"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var installed = Path.Combine(_home, "opt");
        Directory.CreateDirectory(installed);
        await using (var gzip = new GZipStream(await download.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, installed, overwriteFiles: true, TestContext.Current.CancellationToken);
        }

        await using var endpoint = EndpointProcess.Start(Path.Combine(installed, "broker-endpoint", "broker-endpoint.dll"),
            ["run", "--config", Path.Combine(_home, "endpoint.json"), "--heartbeat", "1"], _home, MachineOf("installer"));
        var enrolled = await endpoint.WaitForLineAsync("Enrolled as");
        await endpoint.WaitForLineAsync("Connected to");

        var devices = await (await admin.GetAsync($"{Routes.Devices}?groupId={group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK);
        var device = Assert.Single(devices);
        Assert.Equal((Environment.MachineName, EnrollmentMethod.Installer, false), (device.Nickname, device.EnrollmentMethod, device.CredentialStored));
        Assert.Contains(device.Id.ToString(), enrolled);
        await DeviceConnection.Eventually(
            async () => (await (await admin.GetAsync(Routes.Device(device.Id))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online,
            "the installed endpoint's device is online");
    }

    [Fact]
    public async Task Setup_through_the_portal_links_the_computer_with_an_agent_s_sign_in_and_removal_stops_the_endpoint()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: false);
        var group = await admin.CreateDeviceGroupAsync();
        var (agent, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");
        var config = Path.Combine(_home, "portal.json");
        var machine = MachineOf("portal");

        await using (var setup = EndpointProcess.Start(dll,
            ["setup", "--server", fixture.Host.Address.ToString(), "--email", agent.Email, "--password-stdin", "--nickname", "Reception PC",
             "--device-group", group.Id.ToString(), "--store-credential", "no", "--config", config], _home, machine, password))
        {
            Assert.True(await setup.WaitForExitAsync() == 0, setup.Output);
            Assert.Contains("Enrolled as Reception PC", setup.Output);
        }

        var device = Assert.Single(await (await admin.GetAsync($"{Routes.Devices}?groupId={group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
        Assert.Equal(("Reception PC", EnrollmentMethod.Portal, agent.Email), (device.Nickname, device.EnrollmentMethod, device.EnrolledBy));

        await using var run = EndpointProcess.Start(dll, ["run", "--config", config, "--heartbeat", "1", "--max-retry-delay", "1"], _home, machine);
        await run.WaitForLineAsync("Connected to");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Routes.Device(device.Id))).StatusCode);
        Assert.Equal(5, await run.WaitForExitAsync());
    }

    [Fact]
    public async Task Join_with_a_support_key_the_customer_allows_setup_and_the_computer_then_runs_as_the_new_device()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: true);
        var group = await admin.CreateDeviceGroupAsync();
        var (agentAccount, password) = await admin.CreateAgentAsync(userGroup.Id, deviceGroupIds: group.Id);
        using var agent = await ApiClient.SignInAsync(fixture.Host, agentAccount.Email, password);
        var session = await (await agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");
        var config = Path.Combine(_home, "joined.json");
        var machine = MachineOf("joined");

        // The agent reads the key out with a space in it, as people do.
        var key = $"{session.SupportKey![..3]} {session.SupportKey[3..]}";
        await using (var join = EndpointProcess.Start(dll,
            ["join", "--server", fixture.Host.Address.ToString(), "--key", key, "--consent", "allow", "--config", config], _home, machine))
        {
            await join.WaitForLineAsync($"Joined session {session.SessionId}");

            // Joined, the computer shows its screen (the test pattern here) to the agent and takes the agent's input.
            await join.WaitForLineAsync($"Session {session.SessionId} started (attended)");
            await using (var viewer = await LiveScene.ViewerAsync(fixture.Host, agent, messagePack: true))
            {
                var frame = await LiveScene.Next(viewer.Watch(session.SessionId, TestContext.Current.CancellationToken));
                Assert.Equal((session.SessionId, FrameCodecs.Png), (frame.SessionId, frame.Codec));
                Assert.True(frame.Data.Length > 0);
                await viewer.Connection.InvokeAsync(nameof(IAgentHub.SendInput), session.SessionId, new InputEvent("pointer-down", X: 10, Y: 20, Button: 0),
                    TestContext.Current.CancellationToken);
                await join.WaitForLineAsync($"Input in session {session.SessionId}: pointer-down at 10,20");
            }

            await (await agent.PostAsync(Routes.UnattendedSetup(session.SessionId), new StartSetupRequest(password))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
            await join.WaitForLineAsync("Consent given");
            await DeviceConnection.Eventually(
                async () => (await (await agent.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK)).UnattendedSetup.State == "allowed",
                "the broker took the customer's consent");
            var completed = await (await agent.PostAsync(Routes.CompleteUnattendedSetup(session.SessionId), new CompleteSetupRequest("Customer laptop", group.Id)))
                .ExpectAsync<CompleteSetupResponse>(HttpStatusCode.OK);
            Assert.Contains("will have to log in when you connect", completed.Message, StringComparison.Ordinal);
            await join.WaitForLineAsync($"Unattended access set up: this computer is device {completed.DeviceId}");

            await (await agent.DeleteAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
            Assert.True(await join.WaitForExitAsync() == 0, join.Output);
            Assert.Contains("Session ended", join.Output);
        }

        var device = Assert.Single(await (await admin.GetAsync($"{Routes.Devices}?groupId={group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
        Assert.Equal(("Customer laptop", EnrollmentMethod.AttendedSession, false), (device.Nickname, device.EnrollmentMethod, device.CredentialStored));

        // The identity join kept is what the service connects with from now on, without an agent or a key.
        await using var run = EndpointProcess.Start(dll, ["run", "--config", config, "--heartbeat", "1"], _home, machine);
        await run.WaitForLineAsync($"Connected to {fixture.Host.Address.ToString().TrimEnd('/')} as {device.Id}");
        await DeviceConnection.Eventually(
            async () => (await (await agent.GetAsync(Routes.Device(device.Id))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online,
            "the device set up through join is online");
    }

    [Fact]
    public async Task A_customer_who_stops_join_leaves_the_session_and_the_agent_hears_it_at_once()
    {
        using var admin = await fixture.AdminAsync();
        var userGroup = await admin.CreateUserGroupAsync(unattended: true);
        var (agentAccount, password) = await admin.CreateAgentAsync(userGroup.Id);
        using var agent = await ApiClient.SignInAsync(fixture.Host, agentAccount.Email, password);
        var session = await (await agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");
        await using var viewer = await LiveScene.ViewerAsync(fixture.Host, agent);

        await using var join = EndpointProcess.Start(dll,
            ["join", "--server", fixture.Host.Address.ToString(), "--key", session.SupportKey!, "--config", Path.Combine(_home, "left.json")], _home, MachineOf("left"));
        await join.WaitForLineAsync($"Session {session.SessionId} started (attended)");

        // Ctrl+C is the customer closing the program: the session ends now, not when the agent gives up waiting for a reconnect.
        Assert.True(await join.InterruptAsync() == 0, join.Output);
        Assert.Contains($"Left session {session.SessionId}", join.Output);
        Assert.Equal((session.SessionId, "The customer ended the session."), await LiveScene.Next(viewer.Ended));
        var ended = await (await agent.GetAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        Assert.Equal(("ended", "The customer ended the session."), (ended.State, ended.EndedReason));
    }

    [Fact]
    public async Task Join_with_a_used_key_is_refused_with_exit_code_4()
    {
        using var admin = await fixture.AdminAsync();
        var session = await (await admin.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Attended)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        using var anonymous = ApiClient.Anonymous(fixture.Host);
        await (await anonymous.PostAsync(Routes.Join, new JoinRequest(session.SupportKey, "OTHER-PC", "Windows 11"))).ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");

        await using var join = EndpointProcess.Start(dll,
            ["join", "--server", fixture.Host.Address.ToString(), "--key", session.SupportKey!, "--config", Path.Combine(_home, "used.json")], _home, MachineOf("used"));

        Assert.Equal(4, await join.WaitForExitAsync());
        Assert.Contains("ask the agent for a new one", join.Output);
    }

    [Fact]
    public async Task A_rotated_code_is_refused_with_a_clear_message()
    {
        using var admin = await fixture.AdminAsync();
        var group = await admin.CreateDeviceGroupAsync();
        await admin.PostAsync(Routes.RotateEnrollmentCode(group.Id), new { });
        var dll = BuiltProgram.Locate(Path.Combine("src", "Broker.Endpoint"), "broker-endpoint.dll");

        await using var endpoint = EndpointProcess.Start(dll,
            ["run", "--config", Path.Combine(_home, "rotated.json"), "--server", fixture.Host.Address.ToString(), "--enrollment-code", group.EnrollmentCode!],
            _home, MachineOf("rotated"));

        Assert.Equal(4, await endpoint.WaitForExitAsync());
        Assert.Contains("rotated or revoked", endpoint.Output);
        Assert.False(File.Exists(Path.Combine(_home, "rotated.json")));
    }
}
