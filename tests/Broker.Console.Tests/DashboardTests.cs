using System.Net;
using System.Net.Http.Headers;
using Broker.Contracts;
using Broker.Contracts.Installers;

namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DashboardTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_device_comes_online_goes_offline_and_comes_back_on_the_dashboard_without_a_reload()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        await using var tab = await fixture.OpenAsync();
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        var card = tab[$"section[data-group-id='{scene.Group.Id}']"];
        await Expect(card.Locator(".online-count")).ToHaveTextAsync("0 of 0");
        await tab.Page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await using (var computer = scene.StartComputer("pc"))
        {
            await computer.WaitForLineAsync("Connected to");
            await Expect(card.Locator(".online-count")).ToHaveTextAsync("1 of 1");
            await Expect(card.Locator("li[data-online='true']")).ToHaveCountAsync(1);
            await tab.ShotAsync("dashboard-device-online");
        }

        // The endpoint is gone (killed): its connection closes and the push turns the device offline.
        await Expect(card.Locator(".online-count")).ToHaveTextAsync("0 of 1");
        await Expect(card.Locator("li[data-online='false']")).ToContainTextAsync("offline");
        await tab.ShotAsync("dashboard-device-offline");

        await using var again = scene.StartComputer("pc");
        await again.WaitForLineAsync("Connected to");
        await Expect(card.Locator(".online-count")).ToHaveTextAsync("1 of 1");
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The dashboard was reloaded.");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_dashboard_offers_each_group_s_installer_and_says_when_one_is_not_uploaded()
    {
        using var scene = await ConsoleScene.CreateAsync(fixture);
        var upload = await scene.Admin.Http.PutAsync($"{Routes.Installer("windows-exe")}?fileName=BrokerSetup.exe",
            new ByteArrayContent("MZ not really a program"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            TestContext.Current.CancellationToken);
        await upload.ExpectAsync<InstallerResponse>(HttpStatusCode.OK);
        await using var tab = await fixture.OpenAsync(390, 844);
        await tab.SignInAsync(scene.AgentEmail, scene.AgentPassword);
        var card = tab[$"section[data-group-id='{scene.Group.Id}']"];

        await card.Locator("summary").ClickAsync();
        var download = await tab.Page.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Button, new() { Name = "Windows (EXE)" }).ClickAsync());
        Assert.Equal($"broker-endpoint-setup_{scene.Group.EnrollmentCode}.exe", download.SuggestedFilename);
        Assert.True(new FileInfo(await download.PathAsync()).Length > 0, "The downloaded installer is empty.");

        await card.GetByRole(AriaRole.Button, new() { Name = "macOS (PKG)" }).ClickAsync();
        await Expect(card.Locator("[role=alert]")).ToHaveTextAsync("No macos-pkg installer has been uploaded yet.");
        await tab.ShotAsync("dashboard-installers-phone");
        await tab.AssertFitsWindowAsync();
        tab.AssertNoScriptErrors();
    }
}
