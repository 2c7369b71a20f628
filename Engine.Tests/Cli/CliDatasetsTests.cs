using System.Text.Json;
using ActorQueue.Cli.Client;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq datasets …</c> against a fake seed: what is sent, what is printed, which exit code.</summary>
[Trait("Category", "Unit")]
public sealed class CliDatasetsTests : IDisposable
{
    private const string DatasetId = "01a20221-623a-7000-b9da-074944944060";

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static DatasetView Dataset(string status = "open") => new()
    {
        Id = DatasetId,
        Name = "games",
        Processor = "running-stats",
        Options = JsonDocument.Parse("""{"keyColumn":"player","valueColumns":["points"]}""").RootElement,
        OnError = "fail",
        Status = status,
        CreatedAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2030, 1, 2, 3, 4, 6, TimeSpan.Zero),
    };

    [Fact]
    public async Task Create_SendsNameProcessorOptionsAndPolicy_AndPrintsOnlyTheIdOnStdout()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/datasets", () =>
            FakeSeed.Json(Dataset(), WireJsonContext.Default.DatasetView, 201)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "create", "games", "--processor", "running-stats",
            "--options", """{"keyColumn":"player","valueColumns":["points"]}""", "--on-error", "SKIP");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(DatasetId + Environment.NewLine, run.Out);
        Assert.Contains("Created dataset 'games' (running-stats", run.Error, StringComparison.Ordinal);
        var body = Assert.Single(seed.RequestsTo("POST", "/api/datasets")).Json;
        Assert.Equal("games", body.GetProperty("name").GetString());
        Assert.Equal("running-stats", body.GetProperty("processor").GetString());
        Assert.Equal("player", body.GetProperty("options").GetProperty("keyColumn").GetString());
        Assert.Equal("skip", body.GetProperty("onError").GetString());
    }

    [Fact]
    public async Task Upload_StreamsTheFileAsItIs_WithTheGivenFormatAndFirstSeq()
    {
        string? contentType = null;
        long? contentLength = null;
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/datasets/{id}/rows", (HttpRequest request) =>
        {
            contentType = request.ContentType;
            contentLength = request.ContentLength;
            return FakeSeed.Json(new AppendRowsResponse(2, 6), WireJsonContext.Default.AppendRowsResponse);
        }));
        const string Rows = "{\"player\":\"ann\",\"points\":1}\n{\"player\":\"bob\",\"points\":2}\n";
        var path = _files.File("rows.txt");
        await File.WriteAllTextAsync(path, Rows);

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "upload", DatasetId, path, "--format", "ndjson", "--first-seq", "5");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(seed.RequestsTo("POST", $"/api/datasets/{DatasetId}/rows"));
        Assert.Equal("?firstSeq=5", request.Query);
        Assert.Equal(Rows, request.Body);
        Assert.Equal("application/x-ndjson; charset=utf-8", contentType);
        Assert.Equal(Rows.Length, contentLength);
        Assert.Contains("Accepted 2 row(s); lastSeq 6.", run.Out, StringComparison.Ordinal);
        Assert.Empty(seed.RequestsTo("POST", $"/api/datasets/{DatasetId}/seal"));
    }

    [Fact]
    public async Task Upload_OfAFileWithoutAKnownExtension_AsksForFormat_AndSendsNothing()
    {
        await using var seed = await FakeSeed.StartAsync(_ => { });
        var path = _files.File("rows.txt");
        await File.WriteAllTextAsync(path, "a,b\n1,2\n");

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "upload", DatasetId, path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Cannot tell the format of {path} from its extension; give --format csv or --format ndjson.", run.Error, StringComparison.Ordinal);
        Assert.Empty(seed.Requests);
    }

    [Fact]
    public async Task Show_PrintsTheOwnersName_TheFirstErrors_AndTheFirstKeysOfALargeState()
    {
        var state = JsonSerializer.SerializeToElement(Enumerable.Range(0, 25).ToDictionary(i => $"player{i:00}", i => i));
        var dataset = Dataset("completed") with
        {
            Sealed = true,
            RowsReceived = 40,
            RowsProcessed = 40,
            Owner = "m-1",
            OwnerName = "node-a",
            State = state,
            ErrorCount = 12,
            Errors = Enumerable.Range(1, 7).Select(i => new DatasetRowErrorView(i * 3, $"bad row [red]{i}[/]")).ToList(),
        };
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/datasets/{id}", () =>
            FakeSeed.Json(dataset, WireJsonContext.Default.DatasetView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "show", DatasetId);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"owner\s+node-a \(m-1\)", run.Out);
        Assert.Matches(@"rows processed\s+40", run.Out);
        Assert.Contains("bad row [red]5[/]", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("bad row [red]6[/]", run.Out, StringComparison.Ordinal);
        Assert.Contains("… and 7 more error(s).", run.Out, StringComparison.Ordinal);
        Assert.Contains("\"player09\": 9", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("player10", run.Out, StringComparison.Ordinal);
        Assert.Contains("… 15 more key(s), 25 in all (--json prints the whole state)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowJson_PrintsTheSeedsAnswerAsItIs()
    {
        var answer = JsonSerializer.Serialize(Dataset(), WireJsonContext.Default.DatasetView);
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/datasets/{id}", () =>
            Results.Text(answer, "application/json")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "show", DatasetId, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(answer + Environment.NewLine, run.Out);
    }

    [Fact]
    public async Task Results_FollowNextAfterSeqUntilItIsNull_PrintingOneOutputPerLine()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/datasets/{id}/results", (long afterSeq) =>
            Results.Text(afterSeq == 0
                ? """{"datasetId":"d","results":[{"seq":1,"v":"a"},{"seq":2,"v":{"x":[1, 2]}}],"nextAfterSeq":2}"""
                : """{"datasetId":"d","results":[{"seq":3}],"nextAfterSeq":null}""", "application/json")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "results", DatasetId);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"seq\":1,\"v\":\"a\"}\n{\"seq\":2,\"v\":{\"x\":[1, 2]}}\n{\"seq\":3}\n", run.Out);
        Assert.Equal(["?afterSeq=0&limit=1000", "?afterSeq=2&limit=1000"], seed.Requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Results_WithALimit_AskForNoMoreThanIsLeft()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/datasets/{id}/results", () =>
            Results.Text("""{"datasetId":"d","results":[{"seq":8},{"seq":9}],"nextAfterSeq":9}""", "application/json")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "results", DatasetId, "--after-seq", "7", "--limit", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("?afterSeq=7&limit=2", Assert.Single(seed.Requests).Query);
    }

    [Fact]
    public async Task Resume_SendsAPolicyOnlyWhenOneIsGiven()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/datasets/{id}/resume", () =>
            FakeSeed.Json(Dataset(), WireJsonContext.Default.DatasetView)));

        var keep = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "resume", DatasetId);
        var skip = await CliHarness.RunAsync("--seed", seed.Url, "datasets", "resume", DatasetId, "--on-error", "skip");

        Assert.Equal((0, 0), (keep.ExitCode, skip.ExitCode));
        var bodies = seed.RequestsTo("POST", $"/api/datasets/{DatasetId}/resume").Select(r => r.Body).ToArray();
        Assert.Equal(["", """{"onError":"skip"}"""], bodies);
        Assert.StartsWith($"{DatasetId} resumed: open, 0 of 0 row(s) processed", keep.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgressStream_ReportsTheRunningTotalOfBytesRead()
    {
        var totals = new List<long>();
        using var inner = new MemoryStream(new byte[10_000]);
        await using var counted = new ProgressStream(inner, totals.Add);

        await counted.CopyToAsync(Stream.Null, bufferSize: 4096);

        Assert.Equal([4096L, 8192L, 10_000L], totals);
    }
}
