namespace Broker.Console.Tests;

/// <summary>
/// One broker host and one headless Chromium (Debian's, never a downloaded one) shared by the console tests; each test
/// opens its own browser context (its own sessionStorage, so its own sign-in) and makes its own accounts and groups.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Where the browser is: Debian's package, which tools/test.sh installs (<c>BROKER_CHROMIUM</c> overrides).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("BROKER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrokerHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}: install Debian's package (apt-get install -y chromium; tools/test.sh does) or set BROKER_CHROMIUM.");
        }

        // Waits end at a deadline, not a sleep; the deadline is generous because the whole suite shares two cores.
        SetDefaultExpectTimeout(20_000);

        // A device that drops its connection is offline at once; the short timeout only bounds a silent one.
        Host = await BrokerHost.StartAsync(settings: new Dictionary<string, string?> { ["Broker:Presence:Timeout"] = "00:00:10" });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
            Directory.Delete(Host.DataPath, recursive: true);
        }
    }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public Task<ApiClient> AdminAsync() => ApiClient.SignInAsync(Host, BrokerHost.AdminEmail, BrokerHost.AdminPassword);

    /// <summary>A fresh browser tab at the console, at the given window size.</summary>
    public async Task<ConsolePage> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Host.Address.ToString(),
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(page, context);
        await page.GotoAsync("/");
        return console;
    }
}
