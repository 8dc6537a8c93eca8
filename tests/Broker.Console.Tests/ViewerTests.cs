using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Sessions;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed partial class ViewerTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_unattended_session_draws_the_endpoint_s_frames_scales_to_the_window_and_sends_a_click_and_keys_to_the_endpoint()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var computer = scene.StartComputer("pc");
        await computer.WaitForLineAsync("Connected to");
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);

        await tab.GoAsync("/devices");
        var row = tab[$"tr[data-online='true']"];
        await Expect(row).ToContainTextAsync(Environment.MachineName);
        await tab.ShotAsync("devices");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Connect to {Environment.MachineName}", Exact = true }).ClickAsync();
        await Expect(tab["h1"]).ToHaveTextAsync("Unattended session");
        var sessionId = new Uri(tab.Page.Url).Fragment.Split('/').Last();
        await computer.WaitForLineAsync($"Session {sessionId} started (unattended)");

        // Frames arrive and are drawn: the picture changes from one frame to the next (the test pattern's clock and bar move).
        var canvas = tab["#screen"];
        await tab.Page.WaitForFunctionAsync("() => Number(document.querySelector('#screen').dataset.frames) >= 2");
        var firstSeq = long.Parse(await canvas.GetAttributeAsync("data-seq") ?? "0", CultureInfo.InvariantCulture);
        var firstPicture = await canvas.EvaluateAsync<string>("c => c.toDataURL()");
        await tab.Page.WaitForFunctionAsync("seq => Number(document.querySelector('#screen').dataset.seq) > seq + 1", firstSeq);
        Assert.NotEqual(firstPicture, await canvas.EvaluateAsync<string>("c => c.toDataURL()"));
        await Expect(canvas).ToHaveAttributeAsync("width", "640");
        await Expect(tab["#stats"]).ToContainTextAsync(new Regex(@"\d+ fps · latency \d+ ms · 640×360"));
        await tab.ShotAsync("viewer");

        // A click a quarter across and half down the picture is at (160, 180) of the 640×360 frame.
        var box = (await canvas.BoundingBoxAsync())!;
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width / 4, Y = box.Height / 2 } });
        var click = InputPosition().Match(await computer.WaitForLineAsync($"Input in session {sessionId}: pointer-down at"));
        Assert.True(click.Success);
        Assert.InRange(double.Parse(click.Groups["x"].Value, CultureInfo.InvariantCulture), 157, 163);
        Assert.InRange(double.Parse(click.Groups["y"].Value, CultureInfo.InvariantCulture), 177, 183);
        await computer.WaitForLineAsync($"Input in session {sessionId}: pointer-up at");
        await tab.Page.Keyboard.PressAsync("q");
        await computer.WaitForLineAsync($"Input in session {sessionId}: key-down");
        await computer.WaitForLineAsync($"Input in session {sessionId}: text");

        // A smaller window: the picture scales down with its aspect ratio, and nothing sticks out.
        await tab.Page.SetViewportSizeAsync(480, 700);
        await tab.Page.WaitForFunctionAsync("() => document.querySelector('#screen').getBoundingClientRect().width < 480");
        var scaled = (await canvas.BoundingBoxAsync())!;
        Assert.InRange(scaled.Width / scaled.Height, 640.0 / 360 - 0.05, 640.0 / 360 + 0.05);
        await tab.ShotAsync("viewer-narrow");
        await tab.AssertFitsWindowAsync();

        // Meanwhile the devices page (here in a second tab) says the device is in a session, and stops saying so when
        // the session ends, without a reload.
        await using var inventory = await fixture.OpenAsync();
        await inventory.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await inventory.GoAsync("/devices");
        await Expect(inventory["tr[data-online='true'] .in-session"]).ToHaveTextAsync("In a session");

        await tab["#end-session"].ClickAsync();
        await Expect(tab["#session-ended"]).ToContainTextAsync("The agent ended the session.");
        await Expect(inventory["tr[data-online='true'] .in-session"]).ToHaveCountAsync(0);
        await Expect(inventory["tr[data-online='true']"]).ToContainTextAsync(Environment.MachineName);
        inventory.AssertNoScriptErrors();
        await computer.WaitForLineAsync($"Session {sessionId} ended");
        await tab.ShotAsync("viewer-ended");
        await tab.GoAsync("/devices");
        await Expect(tab["tr[data-online='true']"]).ToContainTextAsync(Environment.MachineName);
        await Expect(tab["tr[data-online='true'] .in-session"]).ToHaveCountAsync(0);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task In_view_only_mode_a_click_is_not_sent_and_input_resumes_when_it_is_turned_off()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var computer = scene.StartComputer("pc");
        await computer.WaitForLineAsync("Connected to");
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await tab[$"section[data-group-id='{scene.Group.Id}']"].GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await tab.Page.WaitForFunctionAsync("() => Number(document.querySelector('#screen')?.dataset.frames) >= 1");
        var sessionId = new Uri(tab.Page.Url).Fragment.Split('/').Last();

        await tab["#view-only"].CheckAsync();
        await tab["#screen"].ClickAsync(new LocatorClickOptions { Position = new Position { X = 10, Y = 10 } });
        await tab["#view-only"].UncheckAsync();
        await tab["#screen"].ClickAsync(new LocatorClickOptions { Position = new Position { X = 200, Y = 100 } });

        // Input is sent in order, so the first pointer-down the endpoint reports is the one after view-only ended.
        var first = InputPosition().Match(await computer.WaitForLineAsync($"Input in session {sessionId}: pointer-down at"));
        Assert.True(double.Parse(first.Groups["x"].Value, CultureInfo.InvariantCulture) > 100, $"A view-only click reached the endpoint: {first.Value}");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_colleague_who_reaches_the_device_s_group_watches_the_session_view_only()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var computer = scene.StartComputer("pc");
        await computer.WaitForLineAsync("Connected to");
        using var agent = await ApiClient.SignInAsync(fixture.Host, scene.AgentEmail, scene.AgentPassword);
        var device = Assert.Single(await (await agent.GetAsync($"{Routes.Devices}?groupId={scene.Group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
        await DeviceConnection.Eventually(
            async () => (await (await agent.GetAsync(Routes.Device(device.Id))).ExpectAsync<DeviceResponse>(HttpStatusCode.OK)).Online, "the device is online");
        var session = await (await agent.PostAsync(Routes.Sessions, new CreateSessionRequest(SessionKinds.Unattended, device.Id)))
            .ExpectAsync<CreateSessionResponse>(HttpStatusCode.Created);
        var (colleague, password) = await scene.Admin.CreateAgentAsync(scene.UserGroup.Id, deviceGroupIds: scene.Group.Id);

        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(colleague.Email, password);
        await tab.GoAsync($"/sessions/{session.SessionId}");
        await tab.Page.WaitForFunctionAsync("() => Number(document.querySelector('#screen')?.dataset.frames) >= 2");
        await Expect(tab["#watch-only"]).ToBeVisibleAsync();
        await Expect(tab["#view-only"]).ToBeCheckedAsync();
        await Expect(tab["#view-only"]).ToBeDisabledAsync();
        await Expect(tab["#end-session"]).ToBeHiddenAsync();
        await tab.ShotAsync("viewer-colleague-view-only");

        // The agent ends it: the colleague's viewer says so.
        await (await agent.DeleteAsync(Routes.Session(session.SessionId))).ExpectAsync<SessionResponse>(HttpStatusCode.OK);
        await Expect(tab["#session-ended"]).ToBeVisibleAsync();
        tab.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"at (?<x>[\d.]+),(?<y>[\d.]+)")]
    private static partial Regex InputPosition();
}
