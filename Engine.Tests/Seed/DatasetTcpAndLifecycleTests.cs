using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>Rows over the TCP protocol, and an idle dataset's entity passivating and waking on new rows.</summary>
[Trait("Category", "Integration")]
public sealed class DatasetTcpAndLifecycleTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() =>
        _seed = await SeedServer.StartAsync(["--Datasets:PassivateAfterSeconds=1"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    [Fact]
    public async Task Rows_sent_over_tcp_are_numbered_and_processed_like_uploaded_ones()
    {
        var games = GameResults.Generate(6);
        var dataset = await _seed.Http.CreateDatasetAsync();
        await using var tcp = await TcpClientSession.ConnectAsync(_seed.Tcp);
        string Rows(int skip, int take) => string.Join(",", games.Rows.Skip(skip).Take(take).Select(r =>
            $"{{\"player\":{System.Text.Json.JsonSerializer.Serialize(r.Player)},\"points\":{r.Points},\"rebounds\":{r.Rebounds}}}"));

        var first = await tcp.RequestAsync($$"""{"op":"rows","dataset":"{{dataset.Id}}","rows":[{{Rows(0, 4)}}],"firstSeq":1}""");
        var resent = await tcp.RequestAsync($$"""{"op":"rows","dataset":"{{dataset.Id}}","rows":[{{Rows(2, 4)}}],"firstSeq":3}""");
        var notObject = await tcp.RequestAsync($$"""{"op":"rows","dataset":"{{dataset.Id}}","rows":[1]}""");
        var unknown = await tcp.RequestAsync("""{"op":"rows","dataset":"nope","rows":[{}]}""");
        var stillUsable = await tcp.RequestAsync("""{"op":"ping"}""");
        await _seed.Http.SealAsync(dataset.Id);
        await _seed.Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal((4L, 4L), (first.GetProperty("accepted").GetInt64(), first.GetProperty("lastSeq").GetInt64()));
        Assert.Equal((2L, 6L), (resent.GetProperty("accepted").GetInt64(), resent.GetProperty("lastSeq").GetInt64()));
        Assert.Contains("each row must be an object", notObject.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("No dataset has the id 'nope'", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(stillUsable.GetProperty("ok").GetBoolean());
        games.AssertRunningStats(await _seed.Http.ResultsAsync(dataset.Id));
    }

    [Fact]
    public async Task An_idle_open_dataset_is_passivated_and_taken_up_again_when_rows_arrive()
    {
        var games = GameResults.Generate(20);
        var dataset = await _seed.Http.CreateDatasetAsync();
        await _seed.Http.UploadAsync(dataset.Id, games.ToCsv(0, 10));
        await Eventually.HoldsAsync(async () => (await _seed.Http.GetDatasetAsync(dataset.Id)).RowsProcessed == 10, "the first rows to be processed");
        Assert.NotNull((await _seed.Http.GetDatasetAsync(dataset.Id)).Owner);

        await Eventually.HoldsAsync(async () => (await _seed.Http.GetDatasetAsync(dataset.Id)).Owner is null, "the idle dataset's entity to passivate");
        await _seed.Http.UploadAsync(dataset.Id, games.ToCsv(10), firstSeq: 11);
        await _seed.Http.SealAsync(dataset.Id);
        // Only a woken entity processes the new rows.
        var done = await _seed.Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal(("completed", 20L), (done.Status, done.RowsProcessed));
        games.AssertRunningStats(await _seed.Http.ResultsAsync(dataset.Id));
    }
}
