using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>One browser tab on the dashboard, with the few locators the tests share, and the page's script errors.</summary>
public sealed partial class DashboardTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    internal DashboardTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors of the page so far (each test asserts there were none).</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The header's feed indicator says "live": the first snapshot arrived.</summary>
    public Task LiveAsync() => Expect(Page.Locator("#live")).ToHaveTextAsync("live");

    /// <summary>Follows a link of the header, as a user would.</summary>
    public Task NavigateAsync(string name) => Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard pages" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

    /// <summary>The rows of the table labelled <paramref name="label"/>.</summary>
    public ILocator Rows(string label) => Page.GetByRole(AriaRole.Table, new() { Name = label }).Locator("tbody tr:not(.empty)");

    /// <summary>The "N since the seed started" line of an overview counter, as a number.</summary>
    public async Task<long> TotalAsync(string stat)
    {
        var text = await Page.Locator($".stat-{stat} .stat-detail").TextContentAsync() ?? "";
        return long.Parse(LeadingNumber().Match(text).Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    public ILocator Total(string stat) => Page.Locator($".stat-{stat} .stat-detail");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    [GeneratedRegex(@"^[\d,]+")]
    private static partial Regex LeadingNumber();
}
