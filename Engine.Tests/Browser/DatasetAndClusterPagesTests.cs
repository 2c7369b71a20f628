using System.Text;
using System.Text.RegularExpressions;
using ActorQueue.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>The datasets page (progress, status, failure) and the cluster page (members, shards, events), embedded.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public sealed class DatasetAndClusterPagesTests(Chromium chromium, BrowserSeed shared) : IClassFixture<BrowserSeed>
{
    private HttpClient Http => shared.Http;

    private static string Games(int rows, int from = 1)
    {
        var csv = new StringBuilder("player,points,rebounds\n");
        for (var i = from; i < from + rows; i++)
        {
            csv.Append("p").Append(i % 7).Append(',').Append(i % 30).Append(',').Append(i % 12).Append('\n');
        }
        return csv.ToString();
    }

    [Fact]
    public async Task A_dataset_shows_its_progress_bar_moving_as_rows_arrive_and_its_status_and_failure()
    {
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/datasets");
        await tab.LiveAsync();
        var games = await Http.CreateDatasetAsync(name: "season-games");
        var row = tab.Page.Locator($"tr[data-dataset='{games.Id}']");
        await Expect(row).ToContainTextAsync("open");

        await Http.UploadAsync(games.Id, Games(120));
        await Expect(row.Locator("progress")).ToHaveAttributeAsync("value", "120");
        await Expect(row).ToContainTextAsync("120 / 120 rows");
        await Http.UploadAsync(games.Id, Games(80, from: 121));
        await Http.SealAsync(games.Id);
        await Expect(row.Locator("progress")).ToHaveAttributeAsync("max", "200");
        await Expect(row.Locator("progress")).ToHaveAttributeAsync("value", "200");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("completed");
        await Expect(row).ToContainTextAsync("running-stats");

        var broken = await Http.CreateDatasetAsync(name: "broken-games");
        await Http.UploadAsync(broken.Id, "player,points,rebounds\np1,3,4\np2,not-a-number,5\n");
        await Http.SealAsync(broken.Id);
        await Expect(tab.Page.Locator($"tr[data-dataset='{broken.Id}'] .badge")).ToHaveTextAsync("failed");
        await Expect(tab.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Stopped at row 2" })).ToBeVisibleAsync();

        await tab.NavigateAsync("Overview");
        await Expect(tab.Page.GetByRole(AriaRole.Progressbar, new() { Name = "season-games: 200 of 200 rows processed" })).ToBeVisibleAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task The_cluster_page_lists_members_by_name_with_roles_status_and_queues_and_the_events_so_far()
    {
        await using var tab = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/cluster");

        var member = tab.Rows("Members").Filter(new() { HasText = BrowserSeed.Name });
        await Expect(member).ToHaveCountAsync(1);
        await Expect(member).ToContainTextAsync("seed, worker");
        await Expect(member.Locator(".badge")).ToHaveTextAsync("up");
        await Expect(member).ToContainTextAsync("leader");
        await Expect(member).ToContainTextAsync(new Regex(@"default × \d+"));
        await Expect(tab.Page.GetByRole(AriaRole.List, new() { Name = "Membership events, newest first" }).Locator("li").First)
            .ToContainTextAsync(new Regex($"present\\s*{BrowserSeed.Name}\\s*up"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Shards_per_node_are_shown_when_the_seed_has_them_and_a_clear_sentence_when_it_answers_404()
    {
        await using (var without = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/cluster", context => context.RouteAsync("**/api/cluster/sharding", route =>
            route.FulfillAsync(new() { Status = 404, ContentType = "application/problem+json", Body = """{"title":"Not found","status":404}""" }))))
        {
            await Expect(without.Page.GetByText("Shard statistics are not available on this seed (GET /api/cluster/sharding answered 404).")).ToBeVisibleAsync();
            Assert.Empty(without.Errors);
        }

        // The shape of GET /api/cluster/sharding (ShardingView): one region, the seed's node with its shards and entities.
        var sharding = $$"""
            {"regions":[{"typeName":"dataset","role":"worker","shardCount":100,"shards":3,"entities":5,
              "nodes":[{"address":"akka.tcp://actorqueue@127.0.0.1:4053","name":"{{BrowserSeed.Name}}","shards":3,"entities":5,"failedShards":0}]}]}
            """;
        await using var with = await chromium.OpenAsync(shared.Seed.BaseAddress, "#/cluster", context => context.RouteAsync("**/api/cluster/sharding", route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = sharding })));
        await Expect(with.Page.GetByRole(AriaRole.Heading, new() { Name = "Region dataset" })).ToContainTextAsync("3 of 100 shards started · 5 entities");
        await Expect(with.Rows("Shards of dataset")).ToHaveTextAsync(new Regex($"^{BrowserSeed.Name}\\s*3\\s*5\\s*0$"));
        Assert.Empty(with.Errors);
    }
}
