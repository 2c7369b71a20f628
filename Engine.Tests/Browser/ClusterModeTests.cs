using System.Text.RegularExpressions;
using ActorQueue.Cluster.Directory;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorQueue.Tests.Browser;

/// <summary>
/// The dashboard of a seed in cluster mode: PostgreSQL, no embedded worker, worker nodes joining and leaving while
/// the page is open. Jobs show the worker's name, not its id; each completion is counted once although the seed
/// hears it twice (the database's notification and the cluster's hint).
/// </summary>
[Collection("postgres")]
[Trait("Category", "Browser")]
public sealed class ClusterModeTests(PostgresServer server, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private string _store = "";
    private SeedServer _seed = null!;

    public async Task InitializeAsync()
    {
        _store = server.Url(await server.CreateDatabaseAsync());
        _seed = await SeedServer.StartOnStoreAsync(_store, ["--name", "gateway"]);
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private async Task<NodeServer> StartWorkerAsync(string name)
    {
        var node = await NodeServer.StartAsync(_store, name, ["--seed", _seed.BaseAddress.ToString(), "--queues", "default=2"]);
        var view = _seed.Services.GetRequiredService<MembershipView>();
        Assert.True(await view.WaitForAsync(s => s.Members.Any(m => m.Name == name && m.Status == "up" && m.Capabilities is not null), Budget, CancellationToken.None),
            $"{name} did not come up at the seed");
        return node;
    }

    [Fact]
    public async Task Members_and_their_events_appear_live_jobs_name_their_worker_and_counters_count_each_completion_once()
    {
        await using var workerA = await StartWorkerAsync("worker-a");
        await using var tab = await chromium.OpenAsync(_seed.BaseAddress, "#/cluster");
        await tab.LiveAsync();
        await Expect(tab.Page.Locator("#mode")).ToContainTextAsync("cluster · ");
        var members = tab.Rows("Members");
        await Expect(members.Filter(new() { HasText = "gateway" })).ToContainTextAsync("seed");
        await Expect(members.Filter(new() { HasText = "worker-a" })).ToContainTextAsync(new Regex(@"worker\s*up\s*yes.*default × 2"));

        var events = tab.Page.GetByRole(AriaRole.List, new() { Name = "Membership events, newest first" });
        await using (var workerB = await StartWorkerAsync("worker-b"))
        {
            await Expect(events.Locator("li", new() { HasText = "worker-b" }).First).ToBeVisibleAsync();
            await Expect(members.Filter(new() { HasText = "worker-b" }).Locator(".badge")).ToHaveTextAsync("up");
            await workerB.StopAsync();
        }
        await Expect(events.Locator("li", new() { HasTextRegex = new Regex("removed\\s*worker-b") })).ToHaveCountAsync(1);
        await Expect(members.Filter(new() { HasText = "worker-b" })).ToHaveCountAsync(0);

        await tab.NavigateAsync("Overview");
        var completed = await tab.TotalAsync("completed");
        var ids = (await _seed.Http.SubmitBatchAsync(Enumerable.Range(0, 6).Select(i => $$$"""{"kind":"echo","payload":{"n":{{{i}}}}}"""))).Ids;
        foreach (var id in ids)
        {
            Assert.Equal(JobStateName.Completed, (await _seed.Http.WaitFinalAsync(id)).State);
        }
        await Expect(tab.Total("completed")).ToHaveTextAsync(new Regex($"^{completed + 6} since"));
        await Expect(tab.Page.Locator(".node").Filter(new() { HasText = "worker-a" })).ToBeVisibleAsync();

        await tab.Page.GotoAsync($"/#/jobs/{ids[0]}");
        await Expect(tab.Page.Locator(".facts")).ToContainTextAsync("Nodeworker-a");
        // Still counted once a few snapshots later: the second copy of each change was recognised.
        await tab.NavigateAsync("Overview");
        await Expect(tab.Total("completed")).ToHaveTextAsync(new Regex($"^{completed + 6} since"));
        Assert.Empty(tab.Errors);
    }
}
