using System.Collections.Concurrent;
using System.Text.Json;
using ActorQueue.Protocol;
using Microsoft.AspNetCore.Builder;
using ActorQueue.Tests.TestKit;
using Microsoft.AspNetCore.Http;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq bench</c> against a fake seed that finishes every job at once (unless told otherwise).</summary>
[Trait("Category", "Unit")]
public sealed class CliBenchTests
{
    [Fact]
    public async Task Batches_SendEveryJobOnce_AndTheJsonReportCountsThem()
    {
        var issued = new ConcurrentQueue<string>();
        await using var seed = await StartSeedAsync(issued);

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "250", "--batch", "100", "--concurrency", "3",
            "--kind", "sleep", "--payload", """{"ms":0}""", "--latency", "5", "--json");

        Assert.Equal(0, run.ExitCode);
        var batches = seed.RequestsTo("POST", "/api/jobs/batch");
        Assert.Equal([50, 100, 100], batches.Select(b => b.Json.GetProperty("jobs").GetArrayLength()).Order());
        Assert.All(batches.SelectMany(b => b.Json.GetProperty("jobs").EnumerateArray()), job =>
        {
            Assert.Equal("sleep", job.GetProperty("kind").GetString());
            Assert.Equal(0, job.GetProperty("payload").GetProperty("ms").GetInt32());
        });

        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(250, report.GetProperty("jobs").GetInt32());
        Assert.Equal(250, report.GetProperty("submitted").GetInt32());
        Assert.Equal(0, report.GetProperty("failures").GetInt32());
        Assert.True(report.GetProperty("complete").GetBoolean());
        Assert.True(report.GetProperty("jobsPerSecond").GetDouble() > 0);
        var latency = report.GetProperty("latency");
        Assert.Equal(5, latency.GetProperty("samples").GetInt32());
        Assert.True(latency.GetProperty("p99Ms").GetDouble() >= latency.GetProperty("p50Ms").GetDouble());

        // Latency round trips are POST /api/jobs followed by GET ?wait=10.
        Assert.Equal(5, seed.RequestsTo("POST", "/api/jobs").Length);
        Assert.Equal(5, seed.Requests.Count(r => r.Method == "GET" && r.Query == "?wait=10"));
    }

    [Fact]
    public async Task Warmup_SendsItsJobsFirst_AndTheReportCountsOnlyTheMeasuredRun()
    {
        var issued = new ConcurrentQueue<string>();
        await using var seed = await StartSeedAsync(issued);

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "30", "--batch", "10", "--concurrency", "1",
            "--warmup", "20", "--latency", "0", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, seed.RequestsTo("POST", "/api/jobs/batch").Length);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(30, report.GetProperty("submitted").GetInt32());
        Assert.Contains("Warming up with 20 jobs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_LongPollsTheLastIdOfEachSubmitter_ThenSweepsForStragglers()
    {
        var issued = new ConcurrentQueue<string>();
        var lastOfBatch = new ConcurrentQueue<string>();
        await using var seed = await StartSeedAsync(issued, lastOfBatch: lastOfBatch);

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "40", "--batch", "10", "--concurrency", "2", "--latency", "0");

        Assert.Equal(0, run.ExitCode);
        var polled = seed.Requests.Where(r => r.Method == "GET" && r.Query.StartsWith("?wait=", StringComparison.Ordinal))
            .Select(r => r.Path["/api/jobs/".Length..]).ToHashSet();

        // The batch answered last is some submitter's last: its last id must have been long-polled.
        Assert.Equal(4, lastOfBatch.Count);
        Assert.Contains(lastOfBatch.Last(), polled);
        Assert.Subset(issued.ToHashSet(), polled);
        foreach (var state in new[] { "available", "scheduled", "running", "retryable" })
        {
            Assert.Contains(seed.RequestsTo("GET", "/api/jobs"), r => r.Query == $"?state={state}&kind=echo&limit=1");
        }
    }

    [Fact]
    public async Task BatchOfOne_SendsOnePostPerJob()
    {
        var issued = new ConcurrentQueue<string>();
        await using var seed = await StartSeedAsync(issued);

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "7", "--batch", "1", "--latency", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(7, seed.RequestsTo("POST", "/api/jobs").Length);
        Assert.Empty(seed.RequestsTo("POST", "/api/jobs/batch"));
        Assert.Contains("jobs/s", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscardedJobsOfTheRun_CountAsFailures_AndExitOne()
    {
        var issued = new ConcurrentQueue<string>();
        await using var seed = await StartSeedAsync(issued, discarded: () => issued.Take(2).Select(id => FakeSeed.Job(id, JobStateName.Discarded)).ToList());

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "20", "--batch", "5", "--latency", "0", "--json");

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(2, report.GetProperty("failedJobs").GetInt32());
        Assert.Equal(2, report.GetProperty("failures").GetInt32());
    }

    [Fact]
    public async Task PermanentSubmitError_StopsTheRun_AndPrintsTheProblem()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs/batch", () =>
            FakeSeed.Problem(413, "Payload Too Large", "A batch may hold at most 1000 jobs.")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "bench", "--jobs", "100000", "--batch", "5000", "--concurrency", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("aq: Payload Too Large (413): A batch may hold at most 1000 jobs.", run.Error, StringComparison.Ordinal);
        Assert.InRange(seed.RequestsTo("POST", "/api/jobs/batch").Length, 1, 2);
    }

    [Fact]
    public async Task DurationLimit_StopsAWaitThatWouldNotEnd_AndTheReportSaysSo()
    {
        var time = new ManualTimeProvider();
        var polling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var seed = await FakeSeed.StartAsync(app =>
        {
            app.MapPost("/api/jobs/batch", () => FakeSeed.Json(new SubmitBatchResponse(["0193a5c4-0000-7000-8000-000000000001"]), WireJsonContext.Default.SubmitBatchResponse, 202));
            app.MapGet("/api/jobs/{id}", async (string id, HttpContext context) =>
            {
                polling.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // a seed that never answers: only the duration limit ends this
                return Results.Empty;
            });
        });

        var bench = CliHarness.RunAsync(time, "--seed", seed.Url, "bench", "--jobs", "1", "--duration-limit", "60", "--json");
        await polling.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await time.WaitForPendingTimersAsync();
        time.Advance(TimeSpan.FromSeconds(61));
        var run = await bench.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        var report = JsonDocument.Parse(run.Out).RootElement;
        Assert.True(report.GetProperty("stoppedByLimit").GetBoolean());
        Assert.False(report.GetProperty("complete").GetBoolean());
        Assert.Equal(1, report.GetProperty("submitted").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("failedJobs").ValueKind);
        Assert.Contains("Stopped by the duration limit of 60 s.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A seed whose jobs are completed as soon as they are submitted; ids are UUIDv7 like the real one's.</summary>
    private static Task<FakeSeed> StartSeedAsync(
        ConcurrentQueue<string> issued, Func<List<JobView>>? discarded = null, ConcurrentQueue<string>? lastOfBatch = null) =>
        FakeSeed.StartAsync(app =>
        {
            string Issue()
            {
                var id = Guid.CreateVersion7().ToString();
                issued.Enqueue(id);
                return id;
            }

            app.MapPost("/api/jobs/batch", async (HttpContext context) =>
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                var ids = body.RootElement.GetProperty("jobs").EnumerateArray().Select(_ => Issue()).ToList();
                lastOfBatch?.Enqueue(ids[^1]);
                return FakeSeed.Json(new SubmitBatchResponse(ids), WireJsonContext.Default.SubmitBatchResponse, 202);
            });
            app.MapPost("/api/jobs", () =>
                FakeSeed.Json(new SubmitJobResponse(Issue(), JobStateName.Available, DateTimeOffset.UnixEpoch, false), WireJsonContext.Default.SubmitJobResponse, 202));
            app.MapGet("/api/jobs/{id}", (string id) => FakeSeed.Json(FakeSeed.Job(id, JobStateName.Completed), WireJsonContext.Default.JobView));
            app.MapGet("/api/jobs", (string? state) => FakeSeed.Json(
                new JobListResponse(state == "discarded" && discarded is not null ? discarded() : [], null),
                WireJsonContext.Default.JobListResponse));
        });
}
