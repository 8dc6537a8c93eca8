using Broker.Contracts;
using Broker.Contracts.Agents;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Signing_in_works_from_the_keyboard_a_wrong_password_is_said_in_words_and_signing_out_returns_to_sign_in()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();

        await Expect(tab["h1"]).ToHaveTextAsync("Sign in to Broker");
        await Expect(tab["#email"]).ToBeFocusedAsync();
        await tab.Page.Keyboard.TypeAsync(scene.AgentEmail);
        await tab.Page.Keyboard.PressAsync("Tab");
        await tab.Page.Keyboard.TypeAsync("not-the-password");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Expect(tab.Error).ToHaveTextAsync("The e-mail address or the password is wrong.");
        await tab.ShotAsync("sign-in-wrong-password");

        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await Expect(tab["header .who"]).ToContainTextAsync("Test Agent");
        await tab.ShotAsync("dashboard-signed-in");

        await tab["#sign-out"].ClickAsync();
        await Expect(tab["h1"]).ToHaveTextAsync("Sign in to Broker");
        Assert.Null(await tab.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('broker.token')"));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_token_the_broker_no_longer_takes_or_one_that_expires_sends_the_user_back_to_sign_in()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);

        // A password change ends every token of the account: the next call is refused and the console says why.
        var newPassword = $"pw-{Guid.NewGuid():N}";
        await scene.Admin.PatchAsync(Routes.Agent(scene.AgentId), new UpdateAgentRequest(null, null, newPassword, null, null, null, null));
        await tab.GoAsync("/devices");
        await Expect(tab["h1"]).ToHaveTextAsync("Sign in to Broker");
        await Expect(tab.Notice).ToContainTextAsync("no longer valid");
        await tab.ShotAsync("sign-in-after-revoked-token");

        // A token that runs out while the page is open: the console returns to sign-in at its expiry, without a click.
        // (Long enough for a loaded machine to reload the page and draw the dashboard first.)
        await tab.SignInAsync(scene.AgentEmail, newPassword);
        await tab.Page.EvaluateAsync("""
            () => {
              const token = JSON.parse(sessionStorage.getItem('broker.token'));
              token.expiresAt = new Date(Date.now() + 6000).toISOString();
              sessionStorage.setItem('broker.token', JSON.stringify(token));
            }
            """);
        await tab.Page.ReloadAsync();
        await Expect(tab["h1"]).ToHaveTextAsync("Dashboard");
        await Expect(tab["h1"]).ToHaveTextAsync("Sign in to Broker");
        await Expect(tab.Notice).ToContainTextAsync("expired");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_agent_changes_their_own_password_on_the_account_page_and_signs_in_with_it()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        await tab["header a.account"].ClickAsync();
        await Expect(tab["h1"]).ToHaveTextAsync("Your account");
        await Expect(tab["dl.facts"]).ToContainTextAsync(scene.Group.Name);

        await tab["#current-password"].FillAsync(scene.AgentPassword);
        await tab["#new-password"].FillAsync("short");
        await tab["#repeat-password"].FillAsync("short");
        await tab["#repeat-password"].PressAsync("Enter");
        await Expect(tab.Error).ToHaveTextAsync("newPassword: A password needs at least 10 characters.");

        var newPassword = $"pw-{Guid.NewGuid():N}";
        await tab["#new-password"].FillAsync(newPassword);
        await tab["#repeat-password"].FillAsync(newPassword);
        await tab["#repeat-password"].PressAsync("Enter");
        await Expect(tab.Notice).ToHaveTextAsync("Your password is changed. Other sign-ins of your account have ended.");
        await tab.ShotAsync("account");

        // The tab goes on with its new token; signed out, only the new password signs in.
        await tab.GoAsync("/devices");
        await Expect(tab["h1"]).ToHaveTextAsync("Devices");
        await tab["#sign-out"].ClickAsync();
        await tab["#email"].FillAsync(scene.AgentEmail);
        await tab["#password"].FillAsync(scene.AgentPassword);
        await tab["#password"].PressAsync("Enter");
        await Expect(tab.Error).ToHaveTextAsync("The e-mail address or the password is wrong.");
        await tab.SignInAsync(scene.AgentEmail, newPassword);
        tab.AssertNoScriptErrors();
    }
}
