namespace Broker.Console.Tests;

/// <summary>A browser tab on the console: signs in, takes screenshots into the test artifacts, and records script errors.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public ConsolePage(IPage page, IBrowserContext context)
    {
        Page = page;
        _context = context;
        page.PageError += (_, error) => Record($"uncaught: {error}");

        // The browser's own words for a refused request or WebSocket are the console's to handle (and the tests' to check);
        // any other error a script logs is a bug.
        page.Console += (_, message) =>
        {
            if (message.Type == "error"
                && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
                && !message.Text.StartsWith("WebSocket connection to", StringComparison.Ordinal))
            {
                Record(message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The folder the screenshots go to: artifacts/console-screenshots at the repository's root.</summary>
    public static string ScreenshotFolder { get; } = Repository.PathOf("artifacts", "console-screenshots");

    public ILocator this[string selector] => Page.Locator(selector);

    /// <summary>The page's (or the open dialog's) notice: what just happened.</summary>
    public ILocator Notice => Page.Locator(".messages [role=status]");

    /// <summary>The page's (or the open dialog's) error, in words.</summary>
    public ILocator Error => Page.Locator(".messages [role=alert]");

    /// <summary>Signs in through the form and waits for the dashboard.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#password").PressAsync("Enter");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Dashboard");
    }

    public Task GoAsync(string route) => Page.EvaluateAsync("route => { location.hash = route; }", route);

    /// <summary>Saves a screenshot of the whole page as artifacts/console-screenshots/NAME.png.</summary>
    public async Task ShotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    /// <summary>The page fits its window: nothing sticks out sideways (tables scroll inside their own box).</summary>
    public async Task AssertFitsWindowAsync()
    {
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than its window.");
    }

    public void AssertNoScriptErrors()
    {
        lock (_scriptErrors)
        {
            Assert.True(_scriptErrors.Count == 0, $"The console's scripts failed:\n{string.Join('\n', _scriptErrors)}");
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Record(string error)
    {
        lock (_scriptErrors)
        {
            _scriptErrors.Add(error);
        }
    }
}
