using System.Text.Json;
using ActorQueue.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Cli;

/// <summary><c>aq jobs …</c> against a fake seed: what is sent, what is printed, which exit code.</summary>
[Trait("Category", "Unit")]
public sealed class CliJobsTests
{
    private const string JobId = "0193a5c4-7d2e-7b1a-9c3d-5e6f7a8b9c0d";

    private static readonly DateTimeOffset EnqueuedAt = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Submit_SendsEveryOptionInTheBody_AndPrintsOnlyTheId()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs", () =>
            FakeSeed.Json(new SubmitJobResponse(JobId, JobStateName.Available, EnqueuedAt, false), WireJsonContext.Default.SubmitJobResponse, 202)));

        var run = await CliHarness.RunAsync(
            "--seed", seed.Url, "jobs", "submit", "sleep", "--payload", """{"ms": 250, "tags": ["a"]}""",
            "--queue", "slow", "--priority", "-3", "--max-attempts", "5", "--unique-key", "k-1",
            "--run-at", "2030-01-31T12:00:00Z", "--timeout", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JobId + Environment.NewLine, run.Out);
        var body = Assert.Single(seed.RequestsTo("POST", "/api/jobs")).Json;
        Assert.Equal("sleep", body.GetProperty("kind").GetString());
        Assert.Equal(250, body.GetProperty("payload").GetProperty("ms").GetInt32());
        Assert.Equal("a", body.GetProperty("payload").GetProperty("tags")[0].GetString());
        Assert.Equal("slow", body.GetProperty("queue").GetString());
        Assert.Equal(-3, body.GetProperty("priority").GetInt32());
        Assert.Equal(5, body.GetProperty("maxAttempts").GetInt32());
        Assert.Equal("k-1", body.GetProperty("uniqueKey").GetString());
        Assert.Equal(new DateTimeOffset(2030, 1, 31, 12, 0, 0, TimeSpan.Zero), body.GetProperty("runAt").GetDateTimeOffset());
        Assert.Equal(30, body.GetProperty("timeoutSeconds").GetInt32());
    }

    [Fact]
    public async Task Submit_LeavesUnsetOptionsOutOfTheBody()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs", () =>
            FakeSeed.Json(new SubmitJobResponse(JobId, JobStateName.Available, EnqueuedAt, false), WireJsonContext.Default.SubmitJobResponse, 202)));

        await CliHarness.RunAsync("--seed", seed.Url, "jobs", "submit", "echo");

        var body = Assert.Single(seed.RequestsTo("POST", "/api/jobs")).Json;
        Assert.Equal(["kind"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Submit_WithJson_PrintsTheSeedsAnswer()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs", () =>
            FakeSeed.Json(new SubmitJobResponse(JobId, JobStateName.Available, EnqueuedAt, true), WireJsonContext.Default.SubmitJobResponse, 202)));

        var run = await CliHarness.RunAsync("jobs", "submit", "echo", "--json", "--seed", seed.Url);

        Assert.Equal(0, run.ExitCode);
        var answer = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(JobId, answer.GetProperty("id").GetString());
        Assert.True(answer.GetProperty("existing").GetBoolean());
    }

    [Fact]
    public async Task SubmitWait_CompletedJob_ExitsZero_AndShowsTheResult()
    {
        await using var seed = await FakeSeed.StartAsync(app =>
        {
            app.MapPost("/api/jobs", () =>
                FakeSeed.Json(new SubmitJobResponse(JobId, JobStateName.Available, EnqueuedAt, false), WireJsonContext.Default.SubmitJobResponse, 202));
            app.MapGet("/api/jobs/{id}", (string id) => FakeSeed.Json(
                FakeSeed.Job(id, JobStateName.Completed) with { Result = JsonDocument.Parse("""{"echoed":42}""").RootElement },
                WireJsonContext.Default.JobView));
        });

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "submit", "echo", "--wait");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("completed", run.Out, StringComparison.Ordinal);
        Assert.Contains("""{"echoed":42}""", run.Out, StringComparison.Ordinal);
        var poll = Assert.Single(seed.RequestsTo("GET", "/api/jobs/" + JobId));
        Assert.Equal("?wait=30", poll.Query);
    }

    [Fact]
    public async Task GetWait_DiscardedJob_ExitsOne_AndPrintsTheLastError()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs/{id}", (string id) => FakeSeed.Json(
            FakeSeed.Job(id, JobStateName.Discarded,
                new JobErrorView(1, "node-a", EnqueuedAt.AddSeconds(1), "first try failed"),
                new JobErrorView(2, "node-b", EnqueuedAt.AddSeconds(3), "disk full on node-b")),
            WireJsonContext.Default.JobView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "get", JobId, "--wait", "2.5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"job {JobId} was discarded after 2 of 3 attempts; last error: disk full on node-b", run.Error, StringComparison.Ordinal);
        Assert.Equal("?wait=2.5", Assert.Single(seed.RequestsTo("GET", "/api/jobs/" + JobId)).Query);
    }

    [Fact]
    public async Task Get_WithoutWait_ShowsTheJob_AndExitsZeroWhateverItsState()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs/{id}", (string id) =>
            FakeSeed.Json(FakeSeed.Job(id, JobStateName.Running), WireJsonContext.Default.JobView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "get", JobId);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(JobId, run.Out, StringComparison.Ordinal);
        Assert.Contains("running", run.Out, StringComparison.Ordinal);
        Assert.Equal("", Assert.Single(seed.RequestsTo("GET", "/api/jobs/" + JobId)).Query);
    }

    [Fact]
    public async Task List_SendsTheFilters_AndPrintsATableWithTheNextCursor()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs", () => FakeSeed.Json(
            new JobListResponse([FakeSeed.Job(JobId, JobStateName.Completed)], "cursor-2"), WireJsonContext.Default.JobListResponse)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "list", "--state", "Completed", "--queue", "q 1", "--kind", "echo", "--limit", "20", "--after", "c1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?state=completed&queue=q%201&kind=echo&limit=20&after=c1", Assert.Single(seed.RequestsTo("GET", "/api/jobs")).Query);
        foreach (var cell in new[] { "id", "attempt", JobId, "echo", "default", "completed", "1/3", "2030-01-02 03:04:05Z", "node-a" })
        {
            Assert.Contains(cell, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("--after cursor-2", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_PrintsProblemTitleAndDetailOnOneLine_AndExitsOne()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs", () =>
            FakeSeed.Problem(401, "Unauthorized", "Send 'Authorization: Bearer TOKEN' with the seed's --api-token.")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["aq: Unauthorized (401): Send 'Authorization: Bearer TOKEN' with the seed's --api-token."], run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task UnknownJob_PrintsTheSeeds404Problem()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs/{id}/cancel", (string id) =>
            FakeSeed.Problem(404, "Job not found", $"No job has the id '{id}'.")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "cancel", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["aq: Job not found (404): No job has the id 'nope'."], run.ErrorLines);
    }

    [Fact]
    public async Task ConnectionRefused_PrintsOneSentenceNamingTheSeed_AndExitsOne()
    {
        var url = CliHarness.ClosedSeedUrl();

        var run = await CliHarness.RunAsync("--seed", url, "jobs", "submit", "echo");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains($"Could not connect to the seed at {url}", line, StringComparison.Ordinal);
        Assert.Contains("not running", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IsSentAsBearerHeader()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs/{id}", (string id) =>
            FakeSeed.Json(FakeSeed.Job(id, JobStateName.Completed), WireJsonContext.Default.JobView)));

        await CliHarness.RunAsync("--seed", seed.Url, "--token", "s3cret", "jobs", "get", JobId);
        await CliHarness.RunAsync("--seed", seed.Url, "jobs", "get", JobId);

        var requests = seed.RequestsTo("GET", "/api/jobs/" + JobId);
        Assert.Equal("Bearer s3cret", requests[0].Authorization);
        Assert.Null(requests[1].Authorization);
    }

    [Fact]
    public async Task Retry_PostsToTheRetryRoute_AndPrintsTheNewState()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs/{id}/retry", (string id) =>
            FakeSeed.Json(FakeSeed.Job(id, JobStateName.Available), WireJsonContext.Default.JobView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "retry", JobId);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{JobId} available{Environment.NewLine}", run.Out);
    }

    [Fact]
    public async Task SeedAddressWithPathPrefix_KeepsThePrefix()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/prefix/api/jobs/{id}", (string id) =>
            FakeSeed.Json(FakeSeed.Job(id, JobStateName.Completed), WireJsonContext.Default.JobView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url + "/prefix", "jobs", "get", JobId, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(JobId, JsonDocument.Parse(run.Out).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ContractJson_WithLowercaseStates_IsRead()
    {
        // Written by hand as API.md shows it, independent of the shared serializer's settings.
        const string job = """
            {"id":"j-1","kind":"echo","queue":"default","state":"cancelled","attempt":1,"maxAttempts":3,"priority":0,
             "enqueuedAt":"2030-01-02T03:04:05Z","startedAt":null,"completedAt":"2030-01-02T03:04:06Z","node":null,
             "result":null,"errors":[],"someFutureField":{"x":1}}
            """;
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs/{id}", () => Results.Text(job, "application/json")));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "get", "j-1", "--wait", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("aq: job j-1 was cancelled after 1 of 3 attempts.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWait_JobStillRunningWhenTheBudgetIsUsed_ExitsOne()
    {
        var time = new ManualTimeProvider();
        var polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs/{id}", (string id) =>
        {
            polled.TrySetResult();
            return FakeSeed.Json(FakeSeed.Job(id, JobStateName.Running), WireJsonContext.Default.JobView);
        }));

        var get = CliHarness.RunAsync(time, "--seed", seed.Url, "jobs", "get", JobId, "--wait", "5");
        await polled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await time.WaitForPendingTimersAsync();
        time.Advance(TimeSpan.FromSeconds(6));
        var run = await get.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"aq: job {JobId} is still running after waiting 5 s.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonProblemErrorAnswer_ReportsTheStatusLine()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs", () => Results.Text("<html>bad gateway</html>", "text/html", statusCode: 502)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "jobs", "list");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["aq: Bad Gateway (502)"], run.ErrorLines);
    }
}
