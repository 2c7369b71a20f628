using Microsoft.Playwright;

namespace ActorQueue.Tests.Browser;

/// <summary>The browser tests that share one Chromium; they run one at a time.</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<Chromium>;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, which ./scripts/test.sh installs) driven by Playwright, headless,
/// each test in a fresh browser context (its own profile: no cookies or storage carried over). Playwright never
/// downloads a browser here: without Debian's the tests fail, never skip.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>What every expectation and action may wait, on a shared 2-core machine.</summary>
    public const float Budget = 20_000;

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed (no {ExecutablePath}): run ./scripts/test.sh, which installs Debian's chromium package for the browser tests.");
        }
        Assertions.SetDefaultExpectTimeout(Budget);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    /// <summary>A new tab on <paramref name="seed"/> at <paramref name="route"/> (e.g. <c>#/jobs</c>), 1280×900, English, UTC.</summary>
    public async Task<DashboardTab> OpenAsync(Uri seed, string route = "#/", Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = seed.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(Budget);
        if (prepare is not null)
        {
            await prepare(context);
        }
        var tab = new DashboardTab(context, await context.NewPageAsync());
        await tab.Page.GotoAsync("/" + route);
        return tab;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
