using System.Net;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>Datasets as a user drives them over HTTP, against a real embedded seed (SQLite).</summary>
[Trait("Category", "Integration")]
public sealed class DatasetApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--Datasets:BatchSize=250", "--Datasets:IngestChunkSize=300"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private HttpClient Http => _seed.Http;

    [Fact]
    public async Task A_csv_upload_is_applied_in_order_into_each_players_running_statistics()
    {
        var games = GameResults.Generate(3000);
        var dataset = await Http.CreateDatasetAsync();

        var upload = await Http.UploadAsync(dataset.Id, games.ToCsv());
        await Http.SealAsync(dataset.Id);
        var done = await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal(new(3000, 3000), (upload.Accepted, upload.LastSeq));
        Assert.Equal("completed", done.Status);
        Assert.Equal(3000, done.RowsReceived);
        Assert.Equal(3000, done.RowsProcessed);
        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id, pageSize: 700));
        var ann = games.Rows.Where(r => r.Player == "ann").ToList();
        Assert.Equal(ann.Count, done.State!.Value.GetProperty("ann").GetProperty("points").GetProperty("count").GetInt64());
        Assert.Equal(ann.Sum(r => r.Points), done.State!.Value.GetProperty("ann").GetProperty("points").GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task An_ndjson_stream_gives_the_same_results_as_the_csv()
    {
        var games = GameResults.Generate(800, seed: 3);
        var dataset = await Http.CreateDatasetAsync();

        await Http.UploadAsync(dataset.Id, games.ToNdjson(), "application/x-ndjson");
        await Http.SealAsync(dataset.Id);
        await Http.WaitDatasetFinalAsync(dataset.Id);

        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id));
    }

    [Fact]
    public async Task Several_uploads_continue_one_gapless_sequence()
    {
        var games = GameResults.Generate(900);
        var dataset = await Http.CreateDatasetAsync();

        var first = await Http.UploadAsync(dataset.Id, games.ToCsv(0, 400));
        var second = await Http.UploadAsync(dataset.Id, games.ToCsv(400, 500));
        await Http.SealAsync(dataset.Id);
        await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal(400, first.LastSeq);
        Assert.Equal(900, second.LastSeq);
        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id));
    }

    [Fact]
    public async Task A_resumed_upload_with_firstSeq_stores_each_row_once()
    {
        var games = GameResults.Generate(1000);
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, games.ToCsv(0, 600), firstSeq: 1);

        // The client lost the answer and sends the whole file again from its first row.
        var resent = await Http.UploadAsync(dataset.Id, games.ToCsv(), firstSeq: 1);
        var again = await Http.UploadAsync(dataset.Id, games.ToCsv(), firstSeq: 1);
        await Http.SealAsync(dataset.Id);
        var done = await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal(new(400, 1000), (resent.Accepted, resent.LastSeq));
        Assert.Equal(new(0, 1000), (again.Accepted, again.LastSeq));
        Assert.Equal(1000, done.RowsReceived);
        games.AssertRunningStats(await Http.ResultsAsync(dataset.Id));
    }

    [Fact]
    public async Task A_firstSeq_past_the_end_is_refused_as_a_gap()
    {
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, GameResults.Generate(10).ToCsv());

        using var response = await Http.PostRowsAsync(dataset.Id, GameResults.Generate(5).ToCsv(), firstSeq: 20);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("gap", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(10, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task A_sealed_dataset_refuses_new_rows_but_accepts_a_resend_of_rows_it_has()
    {
        var games = GameResults.Generate(50);
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, games.ToCsv(), firstSeq: 1);
        await Http.SealAsync(dataset.Id);

        using var more = await Http.PostRowsAsync(dataset.Id, games.ToCsv());
        var resend = await Http.UploadAsync(dataset.Id, games.ToCsv(), firstSeq: 1);

        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        Assert.Contains("sealed", (await more.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(0, resend.Accepted);
    }

    [Fact]
    public async Task The_delta_processor_outputs_each_rows_change_since_the_keys_previous_row()
    {
        var dataset = await Http.CreateDatasetAsync("delta", """{"keyColumn":"meter","valueColumns":["kwh"]}""");

        await Http.UploadAsync(dataset.Id, "meter,kwh\na,100\nb,7\na,130.5\na,131\n");
        await Http.SealAsync(dataset.Id);
        await Http.WaitDatasetFinalAsync(dataset.Id);
        var results = await Http.ResultsAsync(dataset.Id);

        Assert.Equal(JsonValueKindNull, results[0].GetProperty("delta").GetProperty("kwh").ValueKind);
        Assert.Equal(30.5, results[2].GetProperty("delta").GetProperty("kwh").GetDouble());
        Assert.Equal(0.5, results[3].GetProperty("delta").GetProperty("kwh").GetDouble());
        Assert.Equal(131, (await Http.GetDatasetAsync(dataset.Id)).State!.Value.GetProperty("a").GetProperty("kwh").GetDouble());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
