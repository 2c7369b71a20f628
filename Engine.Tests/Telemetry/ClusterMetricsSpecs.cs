using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Telemetry;

/// <summary>
/// The Akka figures beside the job figures at <c>/metrics</c>: members by status and the members the seed cannot
/// reach, as a frozen worker (SIGSTOP) shows them. The split-brain resolver is told to wait, so that the frozen
/// member stays unreachable rather than being downed while the test looks.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class ClusterMetricsSpecs(PostgresServer server)
{
    [Fact]
    public async Task Metrics_count_the_members_that_are_up_and_those_the_seed_cannot_reach()
    {
        var store = server.Url(await server.CreateDatabaseAsync());
        await using var seed = await SeedServer.StartOnStoreAsync(store, ["--Cluster:StableAfterSeconds=120"]);
        await using var worker = NodeProcess.Start(store, "worker-metered", ["--seed", seed.BaseAddress.ToString(), "--queues", "default=1"]);
        await Eventually.HoldsAsync(async () => (await seed.Http.ScrapeAsync()).Value("aq_cluster_members", ("status", "up")) == 2,
            "two members up in /metrics", () => worker.Output);

        var joined = await seed.Http.ScrapeAsync();
        Assert.Equal(0, joined.Value("aq_cluster_unreachable_members"));
        Assert.Equal(0, joined.Value("aq_cluster_members", ("status", "down")));

        await worker.FreezeAsync();
        await Eventually.HoldsAsync(async () => (await seed.Http.ScrapeAsync()).Value("aq_cluster_unreachable_members") == 1,
            "the frozen worker to be counted unreachable");
        var frozen = await seed.Http.ScrapeAsync();
        Assert.Equal(2, frozen.Value("aq_cluster_members", ("status", "up")));
        await worker.KillAsync();
    }
}
