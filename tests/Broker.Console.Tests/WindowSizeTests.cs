namespace Broker.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class WindowSizeTests(ConsoleFixture fixture)
{
    public static TheoryData<int, int> Windows => new() { { 390, 844 }, { 768, 1024 }, { 1920, 1080 } };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Every_page_fits_a_phone_a_tablet_and_a_wide_screen_without_sideways_scrolling(int width, int height)
    {
        await using var tab = await fixture.OpenAsync(width, height);
        await tab.ShotAsync($"size-{width}-sign-in");
        await tab.AssertFitsWindowAsync();
        await tab.SignInAsync(BrokerHost.AdminEmail, BrokerHost.AdminPassword);
        foreach (var (route, title) in new[]
        {
            ("/", "Dashboard"), ("/devices", "Devices"), ("/sessions", "Sessions"), ("/account", "Your account"),
            ("/admin/user-groups", "User groups"), ("/admin/agents", "Agents"), ("/admin/device-groups", "Device groups"),
            ("/admin/installers", "Installers"), ("/admin/audit", "Audit log"),
        })
        {
            await tab.GoAsync(route);
            await Expect(tab["h1"]).ToHaveTextAsync(title);
            await Expect(tab["main"]).Not.ToContainTextAsync("Loading");
            await tab.ShotAsync($"size-{width}-{title.ToLowerInvariant().Replace(' ', '-')}");
            await tab.AssertFitsWindowAsync();
        }

        tab.AssertNoScriptErrors();
    }
}
