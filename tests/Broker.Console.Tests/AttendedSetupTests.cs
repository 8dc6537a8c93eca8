using System.Net;
using System.Threading.Channels;
using Broker.Contracts;
using Broker.Contracts.Devices;
using Broker.Contracts.Hubs;
using Broker.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AttendedSetupTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_set_up_wizard_runs_from_the_step_up_password_through_the_customer_s_consent_to_the_final_message()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        var key = await StartAttendedSessionAsync(tab);
        await Expect(tab["#join-command"]).ToHaveTextAsync($"broker-endpoint join --server {fixture.Host.Address.ToString().TrimEnd('/')} --key {key}");
        await Expect(tab["#setup-unavailable"]).ToHaveTextAsync("Set up is unavailable: The customer has not joined the session yet.");
        await tab.ShotAsync("attended-support-key");

        await using var customer = scene.Join("customer", key, "allow");
        await customer.WaitForLineAsync("Joined session");
        await Expect(tab["#customer-status"]).ToContainTextAsync("is connected");
        await Expect(tab["#setup-item"]).ToBeEnabledAsync();

        // Joined, the customer's computer shows its screen: frames are drawn, and a click reaches the computer.
        await tab.Page.WaitForFunctionAsync("() => Number(document.querySelector('#screen').dataset.frames) >= 2");
        await Expect(tab["#stats"]).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ fps · latency \d+ ms"));
        await tab["#screen"].ClickAsync();
        await customer.WaitForLineAsync("pointer-down at");
        await tab.ShotAsync("attended-customer-screen");

        await tab["#unattended-menu"].ClickAsync();
        await Expect(tab["#setup-item"]).ToBeFocusedAsync();
        await tab.ShotAsync("attended-menu");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab["#step-up-password"].FillAsync(scene.AgentPassword);
        await tab.ShotAsync("attended-step-up");
        await tab["#step-up-password"].PressAsync("Enter");

        await customer.WaitForLineAsync("Consent given");
        await Expect(tab["#setup-nickname"]).ToBeVisibleAsync();
        await tab["#setup-nickname"].FillAsync("Front desk");
        await tab["#setup-group"].SelectOptionAsync(scene.Group.Id.ToString());
        await tab.ShotAsync("attended-nickname-and-group");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Finish setup" }).ClickAsync();

        await Expect(tab["#setup-final"]).ToHaveTextAsync(
            "Unattended support set up. No login was stored: the customer will have to log in when you connect.");
        await customer.WaitForLineAsync("Unattended access set up: this computer is device");
        await tab.ShotAsync("attended-final-message");
        await Expect(tab["#setup-unavailable"]).ToHaveTextAsync("Set up is unavailable: Unattended access was set up in this session.");

        var device = Assert.Single(await (await scene.Admin.GetAsync($"{Routes.Devices}?groupId={scene.Group.Id}")).ExpectAsync<DeviceResponse[]>(HttpStatusCode.OK));
        Assert.Equal(("Front desk", EnrollmentMethod.AttendedSession), (device.Nickname, device.EnrollmentMethod));

        // The sessions page lists the agent's sessions from the broker, this one on top, still active.
        var sessionId = new Uri(tab.Page.Url).Fragment.Split('/').Last();
        await tab.GoAsync("/sessions");
        var listed = tab["#session-list li"].First;
        await Expect(listed.Locator($"a[href='#/sessions/{sessionId}']")).ToHaveTextAsync($"Attended: Support key {key}");
        await Expect(listed).ToContainTextAsync("active");
        await tab.ShotAsync("sessions-list");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task While_the_customer_has_not_answered_the_viewer_shows_the_request_with_cancel_and_a_wrong_password_is_said_in_words()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        var key = await StartAttendedSessionAsync(tab);

        // A customer that is asked and never answers: the real SignalR client on the device hub, as an endpoint holds it.
        using var anonymous = ApiClient.Anonymous(fixture.Host);
        var joined = await (await anonymous.PostAsync(Routes.Join, new JoinRequest(key, "RECEPTION-PC", "Windows 11 Pro", Guid.NewGuid().ToString())))
            .ExpectAsync<JoinResponse>(HttpStatusCode.OK);
        var asked = Channel.CreateUnbounded<string>();
        await using var connection = DeviceConnection.Create(fixture.Host, joined.SessionToken);
        connection.On<Guid, string>(nameof(IDeviceClient.RequestConsent), (_, agentName) => asked.Writer.TryWrite(agentName));
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await Expect(tab["#setup-item"]).ToBeEnabledAsync();

        await tab["#unattended-menu"].ClickAsync();
        await tab["#setup-item"].ClickAsync();
        await tab["#step-up-password"].FillAsync("not-my-password");
        await tab["#step-up-password"].PressAsync("Enter");
        await Expect(tab["#setup-wizard [role=alert]"]).ToHaveTextAsync("password: The password is wrong.");
        await tab.ShotAsync("attended-wrong-password");

        await tab["#step-up-password"].FillAsync(scene.AgentPassword);
        await tab["#step-up-password"].PressAsync("Enter");
        await Expect(tab[".requesting"]).ToHaveTextAsync("Requesting unattended support access…");
        Assert.Equal("Test Agent", await asked.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        await tab.ShotAsync("attended-requesting");

        await tab["#cancel-setup"].ClickAsync();
        await Expect(tab["#setup-final"]).ToHaveTextAsync("Unattended support setup was cancelled.");
        await Expect(tab["#setup-item"]).ToBeEnabledAsync();
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_declined_consent_ends_the_wizard_with_setup_could_not_be_completed()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        var key = await StartAttendedSessionAsync(tab);
        await using var customer = scene.Join("customer", key, "deny");
        await customer.WaitForLineAsync("Joined session");
        await Expect(tab["#setup-item"]).ToBeEnabledAsync();

        await tab["#unattended-menu"].ClickAsync();
        await tab["#setup-item"].ClickAsync();
        await tab["#step-up-password"].FillAsync(scene.AgentPassword);
        await tab["#step-up-password"].PressAsync("Enter");

        await Expect(tab["#setup-final"]).ToHaveTextAsync("Unattended support setup could not be completed: the customer declined.");
        await customer.WaitForLineAsync("Consent declined");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_agent_whose_permissions_disallow_unattended_support_sees_the_set_up_entry_disabled_with_the_reason()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture, unattended: false);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await Expect(tab["main"]).ToContainTextAsync("Unattended support is off for you");
        var key = await StartAttendedSessionAsync(tab);
        await using var customer = scene.Join("customer", key, "deny");
        await customer.WaitForLineAsync("Joined session");
        await Expect(tab["#customer-status"]).ToContainTextAsync("is connected");

        await Expect(tab["#setup-unavailable"]).ToHaveTextAsync("Set up is unavailable: Your permissions do not allow unattended support.");
        await tab["#unattended-menu"].ClickAsync();
        await Expect(tab["#setup-item"]).ToBeDisabledAsync();
        await Expect(tab["#setup-item"]).ToHaveAttributeAsync("aria-disabled", "true");
        await tab.ShotAsync("attended-setup-disabled");
        tab.AssertNoScriptErrors();
    }

    /// <summary>Starts an attended session from the sessions page and reads the support key off the viewer.</summary>
    private static async Task<string> StartAttendedSessionAsync(ConsolePage tab)
    {
        await tab.GoAsync("/sessions");
        await tab["#start-attended"].ClickAsync();
        await Expect(tab["h1"]).ToHaveTextAsync("Attended session");
        var shown = await tab["#support-key"].TextContentAsync();
        Assert.Matches(@"^\d{3} \d{3} \d{3}$", shown);
        return shown!.Replace(" ", "", StringComparison.Ordinal);
    }
}
