using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cluster;

/// <summary>
/// The <c>dataset</c> shard region with several members in one test process (a seed and worker nodes, each its
/// own actor system, on one PostgreSQL): a worker that joins takes its share of the shards, a worker that leaves
/// hands its shards off, and the results are always those of one uninterrupted run. Budgets come from the settings
/// the members run with.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class DatasetShardingSpecs(PostgresServer server) : IAsyncLifetime
{
    private const double RebalanceSeconds = 0.5;

    // Small batches make datasets take many batches, so that hand-offs land mid-dataset; a short rebalance
    // interval and sweep make the coordinator and the sweep act within a spec's patience.
    private static readonly string[] DatasetSettings =
    [
        "--Datasets:BatchSize=100", $"--Datasets:RebalanceIntervalSeconds={RebalanceSeconds}", "--Datasets:SweepIntervalSeconds=0.5",
    ];

    private readonly List<NodeServer> _workers = [];
    private string _store = "";
    private SeedServer _seed = null!;

    public async Task InitializeAsync()
    {
        _store = server.Url(await server.CreateDatabaseAsync());
        _seed = await SeedServer.StartOnStoreAsync(_store, ["--name", "gateway", .. DatasetSettings]);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in Enumerable.Reverse(_workers))
        {
            await worker.DisposeAsync();
        }
        await _seed.DisposeAsync();
    }

    private HttpClient Http => _seed.Http;

    private async Task<NodeServer> StartWorkerAsync(string name)
    {
        var worker = await NodeServer.StartAsync(_store, name, ["--seed", _seed.BaseAddress.ToString(), "--queues", "default=1", .. DatasetSettings]);
        _workers.Add(worker);
        await Eventually.HoldsAsync(async () => (await Http.GetClusterAsync()).Members.Any(m => m.Name == name && m.Status == "up"), $"{name} to be up");
        return worker;
    }

    private async Task<IReadOnlyList<ShardRegionNodeView>> NodesAsync() => (await Http.GetDatasetShardingAsync()).Nodes;

    private async Task<List<(DatasetView Dataset, GameResults Games)>> UploadHalvesAsync(int datasets, int rows)
    {
        var uploaded = new List<(DatasetView, GameResults)>();
        for (var i = 0; i < datasets; i++)
        {
            var games = GameResults.Generate(rows, seed: 200 + i);
            var dataset = await Http.CreateDatasetAsync();
            await Http.UploadAsync(dataset.Id, games.ToCsv(0, rows / 2));
            uploaded.Add((dataset, games));
        }
        return uploaded;
    }

    private async Task FinishAndCheckAsync(List<(DatasetView Dataset, GameResults Games)> uploaded, int rows)
    {
        foreach (var (dataset, games) in uploaded)
        {
            await Http.UploadAsync(dataset.Id, games.ToCsv(rows / 2), firstSeq: rows / 2 + 1);
            await Http.SealAsync(dataset.Id);
        }
        foreach (var (dataset, games) in uploaded)
        {
            var done = await Http.WaitDatasetFinalAsync(dataset.Id, seconds: 60);
            Assert.Equal("completed", done.Status);
            games.AssertRunningStats(await Http.ResultsAsync(dataset.Id, pageSize: 5000));
        }
    }

    [Fact]
    public async Task A_worker_that_joins_takes_its_share_of_the_shards_and_the_results_stay_exact()
    {
        await StartWorkerAsync("shards-first");
        var uploaded = await UploadHalvesAsync(datasets: 16, rows: 3000);
        await Eventually.HoldsAsync(async () => (await NodesAsync()).Sum(n => n.Entities) == 16, "the first worker to host all sixteen datasets");
        var shards = (await NodesAsync()).Single().Shards;

        await StartWorkerAsync("shards-joiner");

        // The coordinator moves shards to the least loaded region each rebalance interval until the two differ by
        // one at most: a shard per round at worst, and the hand-offs themselves.
        var budget = TimeSpan.FromSeconds((shards * RebalanceSeconds * 3) + 20);
        await Eventually.HoldsAsync(async () =>
        {
            var nodes = await NodesAsync();
            return nodes.Count == 2 && nodes.Sum(n => n.Shards) == shards && Math.Abs(nodes[0].Shards - nodes[1].Shards) <= 1;
        }, "the joining worker to take half of the shards", budget, () => string.Join("; ", NodesAsync().Result.Select(n => $"{n.Name} {n.Shards}")));
        await FinishAndCheckAsync(uploaded, rows: 3000);
        Assert.All(await NodesAsync(), node => Assert.True(node.Shards > 0, $"{node.Name} hosts no shard"));
    }

    [Fact]
    public async Task A_worker_that_leaves_hands_its_shards_off_and_its_datasets_finish_on_the_other()
    {
        await StartWorkerAsync("shards-stays");
        await StartWorkerAsync("shards-leaves");
        // A member is up a moment before its region has registered with the coordinator; until then every new
        // shard goes to the other region, and a later rebalance moves shards without starting their entities.
        await Eventually.HoldsAsync(async () => (await NodesAsync()).Count == 2, "both workers' regions to register with the coordinator");
        var uploaded = await UploadHalvesAsync(datasets: 12, rows: 3000);
        await Eventually.HoldsAsync(async () => (await NodesAsync()).Count(n => n.Entities > 0) == 2, "both workers to host datasets");

        using var leave = await Http.PostAsync("/api/cluster/members/shards-leaves/leave", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, leave.StatusCode);
        await Eventually.HoldsAsync(async () => (await Http.GetClusterAsync()).Members.All(m => m.Name != "shards-leaves"), "the leaving worker to be gone");
        await FinishAndCheckAsync(uploaded, rows: 3000);
        var nodes = await NodesAsync();
        Assert.Equal("shards-stays", Assert.Single(nodes).Name);
        Assert.Equal(12, (await Http.GetClusterAsync()).Members.Single(m => m.Name == "shards-stays").Datasets);
    }
}
