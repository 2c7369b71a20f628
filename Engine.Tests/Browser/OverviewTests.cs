using System.Text.RegularExpressions;
using ActorQueue.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>The overview follows the seed live (server push, no reload) and every page opens from the header.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class OverviewTests(Chromium chromium, BrowserSeed shared) : IClassFixture<BrowserSeed>
{
    [Fact]
    public async Task The_counters_move_as_jobs_complete_and_the_queue_table_and_chart_show_them()
    {
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress);
        await tab.LiveAsync();
        var completed = await tab.TotalAsync("completed");
        var submitted = await tab.TotalAsync("submitted");

        var ids = (await shared.Http.SubmitBatchAsync(Enumerable.Range(0, 7).Select(i => $$$"""{"kind":"echo","payload":{"n":{{{i}}}}}"""))).Ids;
        foreach (var id in ids)
        {
            await shared.Http.WaitFinalAsync(id);
        }

        await Expect(tab.Total("completed")).ToHaveTextAsync(new Regex($"^{completed + 7} since the seed started"));
        await Expect(tab.Total("submitted")).ToHaveTextAsync(new Regex($"^{submitted + 7} since the seed started"));
        var defaultQueue = tab.Rows("Jobs per queue and state").Filter(new() { HasText = "default" });
        await Expect(defaultQueue.Locator("td[data-state='completed']")).Not.ToHaveTextAsync("0");
        await Expect(tab.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Jobs per second over the last 10 min") })).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("polyline[data-series='completed']")).ToHaveCountAsync(1);
        await Expect(tab.Page.Locator(".node-name")).ToHaveTextAsync(BrowserSeed.Name);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Each_page_opens_from_the_header_and_shows_its_heading()
    {
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress);
        await tab.LiveAsync();

        foreach (var (link, heading) in new[] { ("Jobs", "Jobs"), ("Dead letters", "Dead letters"), ("Datasets", "Datasets"), ("Cluster", "Cluster"), ("Overview", "Jobs per second") })
        {
            await tab.NavigateAsync(link);
            await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard pages" }).GetByRole(AriaRole.Link, new() { Name = link }))
                .ToHaveAttributeAsync("aria-current", "page");
        }
        Assert.Empty(tab.Errors);
    }
}
