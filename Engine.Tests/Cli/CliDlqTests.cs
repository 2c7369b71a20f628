using ActorQueue.Protocol;
using Microsoft.AspNetCore.Builder;

namespace ActorQueue.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class CliDlqTests
{
    [Fact]
    public async Task List_AsksForDiscardedJobs_AndShowsTheLastErrorMessage()
    {
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var seed = await FakeSeed.StartAsync(app => app.MapGet("/api/jobs", () => FakeSeed.Json(
            new JobListResponse([FakeSeed.Job("job-1", JobStateName.Discarded,
                new JobErrorView(1, "n1", at, "timeout"), new JobErrorView(2, "n1", at.AddSeconds(5), "boom: [red]not markup[/]"))], null),
            WireJsonContext.Default.JobListResponse)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "dlq", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("?state=discarded", Assert.Single(seed.RequestsTo("GET", "/api/jobs")).Query);
        Assert.Contains("last error", run.Out, StringComparison.Ordinal);
        Assert.Contains("boom: [red]not markup[/]", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAll_PostsToTheDlqRoute_AndSaysHowManyWereRedriven()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/dlq/retry", () =>
            FakeSeed.Json(new RetryAllResponse(7), WireJsonContext.Default.RetryAllResponse)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "dlq", "retry", "--all");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(seed.RequestsTo("POST", "/api/dlq/retry"));
        Assert.Contains("Re-drove 7 discarded job(s).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryOne_RetriesThatJob()
    {
        await using var seed = await FakeSeed.StartAsync(app => app.MapPost("/api/jobs/{id}/retry", (string id) =>
            FakeSeed.Json(FakeSeed.Job(id, JobStateName.Available), WireJsonContext.Default.JobView)));

        var run = await CliHarness.RunAsync("--seed", seed.Url, "dlq", "retry", "job-9");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(seed.RequestsTo("POST", "/api/jobs/job-9/retry"));
    }
}
