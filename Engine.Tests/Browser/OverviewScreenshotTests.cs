using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>
/// The overview under a known workload, captured as <c>docs/dashboard.png</c> (the README's picture): fixed
/// viewport, locale and time zone, the same jobs each run, submitted in waves paced by the page itself (each
/// wave once the chart has drawn another second), so that the chart has a shape and the test never sleeps.
/// </summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class OverviewScreenshotTests(Chromium chromium, BrowserSeed shared) : IClassFixture<BrowserSeed>
{
    private const int Waves = 32;

    [Fact]
    public async Task The_overview_under_load_is_drawn_and_saved_as_the_readmes_screenshot()
    {
        var http = shared.Http;
        var thumbnails = await http.SubmitUploadAsync("/api/images", ColourImages.Solid(ColourImages.Green, width: 64, height: 48), "sizes=16,32&format=png", "image/png");
        var dataset = await http.CreateDatasetAsync(name: "player-stats");
        await http.UploadAsync(dataset.Id, Games(1500));
        await http.SealAsync(dataset.Id);
        var open = await http.CreateDatasetAsync(name: "live-feed");
        await http.UploadAsync(open.Id, Games(400));
        _ = await http.SubmitBatchAsync(Enumerable.Range(0, 4).Select(_ => """{"kind":"fail","payload":{"message":"bad input"},"maxAttempts":1}"""));
        var sleepers = (await http.SubmitBatchAsync(Enumerable.Range(0, 3).Select(_ => """{"kind":"sleep","payload":{"ms":120000}}"""))).Ids;

        try
        {
            await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress);
            await tab.LiveAsync();
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "1 min" }).ClickAsync();
            var chart = tab.Page.Locator("svg.chart");
            var submitted = 0;
            for (var wave = 0; wave < Waves; wave++)
            {
                // A swell of traffic, one wave per second the page shows: echoes, a few that fail once, a few slow ones.
                var count = 22 + (int)Math.Round(16 * Math.Sin(wave / 3.5)) + (wave % 3 * 3);
                await http.SubmitBatchAsync(Enumerable.Range(0, count).Select(i => (i % 9, i % 5) switch
                {
                    (4, _) => """{"kind":"fail","payload":{"message":"flaky upstream","times":1},"maxAttempts":3}""",
                    (_, 2) => $$$"""{"kind":"sleep","payload":{"ms":{{{200 + (100 * (i % 8))}}}}}""",
                    _ => """{"kind":"echo"}""",
                }));
                submitted += count;
                // The next wave goes when the page has drawn another second, not after a sleep.
                var end = await chart.GetAttributeAsync("data-end");
                await Expect(chart).Not.ToHaveAttributeAsync("data-end", end!);
            }
            await Expect(tab.Total("completed")).ToHaveTextAsync(new Regex($"^{submitted + 1:N0} since"));
            await Expect(tab.Page.Locator("[data-stat='dead']")).ToHaveTextAsync("4");
            await Expect(tab.Page.Locator("[data-stat='running']")).ToHaveTextAsync("3");
            await Expect(tab.Page.GetByRole(AriaRole.Progressbar, new() { Name = "player-stats: 1500 of 1500 rows processed" })).ToBeVisibleAsync();
            await Expect(tab.Page.GetByRole(AriaRole.Progressbar, new() { Name = "live-feed: 400 of 400 rows processed" })).ToBeVisibleAsync();
            await Expect(tab.Page.Locator(".stat-latency .stat-detail")).ToContainTextAsync("in the last minute");

            var path = Path.Combine(RepositoryRoot(), "docs", "dashboard.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var png = await tab.Page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });

            Assert.Equal("\x89PNG", Encoding.Latin1.GetString(png, 0, 4));
            Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)), 800, 1600);
            Assert.Empty(tab.Errors);
        }
        finally
        {
            foreach (var id in sleepers)
            {
                using var _ = await http.PostAsync($"/api/jobs/{id}/cancel", null);
            }
        }
        Assert.Equal(JobStateName.Completed, (await http.WaitFinalAsync(thumbnails.Id)).State);
    }

    private static string Games(int rows)
    {
        var csv = new StringBuilder("player,points,rebounds\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append("p").Append(i % 11).Append(',').Append(i % 31).Append(',').Append(i % 13).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>The folder holding ActorQueue.sln, above the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorQueue.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No ActorQueue.sln above {AppContext.BaseDirectory}.");
    }
}
