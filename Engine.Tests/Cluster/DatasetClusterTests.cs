using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Cluster;

/// <summary>
/// Dataset sharding across worker-node processes on one PostgreSQL: each dataset has one owner at a time,
/// owners fail by kill -9 and SIGSTOP, nodes join, and the results are always exactly those of one
/// uninterrupted run (computed independently from the same rows).
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class DatasetClusterTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly string[] Fast =
    [
        "--Cluster:HeartbeatSeconds=0.3", "--Cluster:UnreachableAfterSeconds=1.5", "--Cluster:DownAfterSeconds=3",
        "--Datasets:LeaseSeconds=3", "--Datasets:RegionIntervalSeconds=0.3", "--Datasets:PassivateAfterSeconds=120",
        // Small batches make a dataset take many commits, so that failures land mid-dataset.
        "--Datasets:BatchSize=100",
    ];

    private readonly List<IAsyncDisposable> _processes = [];
    private readonly Dictionary<string, NodeProcess> _nodes = [];
    private string _store = "";
    private SeedProcess _seed = null!;

    public async Task InitializeAsync()
    {
        _store = server.Url(await server.CreateDatabaseAsync());
        _seed = await SeedProcess.StartOnStoreAsync(_store, Fast);
        _processes.Add(_seed);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    private HttpClient Http => _seed.Http;

    private async Task<NodeProcess> StartNodeAsync(string name)
    {
        var node = NodeProcess.Start(_store, name, [.. Fast, "--queues", "default=2", "--seed", _seed.BaseAddress.ToString()]);
        _processes.Add(node);
        _nodes[name] = node;
        await AwaitAsync(async () => (await MembersAsync()).Any(m => m.Name == name && m.Status == "up"), $"{name} to join");
        return node;
    }

    private async Task<IReadOnlyList<MemberView>> MembersAsync() => (await Http.GetClusterAsync()).Members;

    private Task AwaitAsync(Func<Task<bool>> condition, string what) =>
        Eventually.HoldsAsync(condition, what, () => string.Join("\n", _nodes.Values.Select(n => n.Output)));

    private async Task<DatasetView> AwaitOwnedMidwayAsync(string id)
    {
        DatasetView view = null!;
        await AwaitAsync(async () =>
        {
            view = await Http.GetDatasetAsync(id);
            return view.OwnerName is not null && view.RowsProcessed > 0 && view.RowsProcessed < view.RowsReceived;
        }, $"dataset {id} to be owned and half processed");
        return view;
    }

    [Fact]
    public async Task Killing_the_owner_mid_dataset_skips_no_row_and_applies_none_twice()
    {
        await StartNodeAsync("rows-a");
        await StartNodeAsync("rows-b");
        var games = GameResults.Generate(20_000);
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, games.ToCsv());
        var midway = await AwaitOwnedMidwayAsync(dataset.Id);

        await _nodes[midway.OwnerName!].KillAsync();
        await Http.SealAsync(dataset.Id);
        var done = await Http.WaitDatasetFinalAsync(dataset.Id, seconds: 60);

        Assert.Equal("completed", done.Status);
        Assert.True(done.Epoch >= 2, $"the dataset never changed owner (epoch {done.Epoch})");
        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id, pageSize: 5000));
    }

    [Fact]
    public async Task A_frozen_owner_loses_its_lease_and_what_it_writes_on_waking_is_refused()
    {
        await StartNodeAsync("rows-frozen");
        var games = GameResults.Generate(20_000, seed: 11);
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, games.ToCsv());
        var midway = await AwaitOwnedMidwayAsync(dataset.Id);
        var frozen = _nodes[midway.OwnerName!];

        await frozen.FreezeAsync();
        await StartNodeAsync("rows-thief");
        await AwaitAsync(async () => (await Http.GetDatasetAsync(dataset.Id)).OwnerName == "rows-thief", "the lease to move to the other node");
        // The lease (3 s) and the down verdict (3 s of silence, then the leader's next pass) race; thaw after both.
        await AwaitAsync(async () => (await MembersAsync()).Any(m => m.Name == midway.OwnerName && m.Status == "down"), "the frozen owner to be marked down");
        await frozen.ThawAsync();
        await Http.SealAsync(dataset.Id);
        var done = await Http.WaitDatasetFinalAsync(dataset.Id, seconds: 60);

        Assert.Equal("completed", done.Status);
        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id, pageSize: 5000));
        // Marked down while frozen, the zombie stops itself instead of writing on.
        Assert.Equal(1, await frozen.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_joining_node_takes_over_part_of_the_datasets_and_results_stay_exact()
    {
        await StartNodeAsync("rows-first");
        var games = Enumerable.Range(0, 4).Select(i => GameResults.Generate(3000, seed: 100 + i)).ToList();
        var datasets = new List<DatasetView>();
        foreach (var game in games)
        {
            var dataset = await Http.CreateDatasetAsync();
            await Http.UploadAsync(dataset.Id, game.ToCsv(0, 1500));
            datasets.Add(dataset);
        }
        await AwaitAsync(async () => (await MembersAsync()).Single(m => m.Name == "rows-first").Datasets == 4, "the first node to own all four datasets");

        await StartNodeAsync("rows-joiner");
        for (var i = 0; i < games.Count; i++)
        {
            await Http.UploadAsync(datasets[i].Id, games[i].ToCsv(1500), firstSeq: 1501);
        }
        await AwaitAsync(async () => (await MembersAsync()).Single(m => m.Name == "rows-joiner").Datasets > 0, "the joining node to own datasets");

        for (var i = 0; i < games.Count; i++)
        {
            await Http.SealAsync(datasets[i].Id);
            Assert.Equal("completed", (await Http.WaitDatasetFinalAsync(datasets[i].Id, seconds: 60)).Status);
            games[i].AssertRunningStats(await Http.ResultsAsync(datasets[i].Id, pageSize: 5000));
        }
    }
}
