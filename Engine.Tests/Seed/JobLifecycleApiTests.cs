using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>The job lifecycle as a user sees it over HTTP, against a real seed with its embedded worker node.</summary>
[Trait("Category", "Integration")]
public sealed class JobLifecycleApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(SeedServer.FastRetries, services => services.AddJobHandler<DiesOnce>());

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private HttpClient Http => _seed.Http;

    [Fact]
    public async Task An_echo_job_completes_with_its_payload_as_result()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"echo","payload":{"hello":"world"}}""");
        Assert.Equal(JobStateName.Available, submitted.State);

        var job = await Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Completed, job.State);
        Assert.Equal("""{"hello":"world"}""", job.Result!.Value.GetRawText());
        Assert.Equal(1, job.Attempt);
        Assert.NotNull(job.Node);
        Assert.NotNull(job.StartedAt);
        Assert.NotNull(job.CompletedAt);
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_backoff_then_lands_in_the_dead_letter_state()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"disk on fire"},"maxAttempts":3}""");

        var job = await Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Discarded, job.State);
        Assert.Equal(3, job.Attempt);
        Assert.Equal([1, 2, 3], job.Errors.Select(e => e.Attempt));
        Assert.All(job.Errors, e => Assert.Equal("disk on fire", e.Message));
        // Exponential backoff from a 20 ms base without jitter: errors are stamped when the attempt fails
        // and the next attempt cannot start before its delay, so the gaps are at least 20 and 40 ms (less
        // one for the store's millisecond times).
        var gaps = job.Errors.Zip(job.Errors.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        Assert.True(gaps[0] >= 19 && gaps[1] >= 39, $"backoff gaps {string.Join(", ", gaps)} ms, want at least 20 and 40");
    }

    [Fact]
    public async Task A_job_that_fails_only_at_first_succeeds_on_a_later_attempt()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"fail","payload":{"times":2},"maxAttempts":5}""");

        var job = await Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Completed, job.State);
        Assert.Equal(3, job.Attempt);
        Assert.Equal(2, job.Errors.Count);
        Assert.Equal("""{"succeededOnAttempt":3}""", job.Result!.Value.GetRawText());
    }

    [Fact]
    public async Task A_re_driven_job_gets_a_fresh_set_of_attempts_one_by_one_or_all_at_once()
    {
        var first = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"down"},"maxAttempts":2}""");
        var second = await Http.SubmitAsync("""{"kind":"fail","maxAttempts":1}""");
        Assert.Equal(2, (await Http.WaitFinalAsync(first.Id)).Attempt);
        await Http.WaitFinalAsync(second.Id);

        using var retry = await Http.PostAsync($"/api/jobs/{first.Id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var answer = JsonSerializer.Deserialize(await retry.Content.ReadAsStringAsync(), WireJsonContext.Default.JobView)!;
        // Read just after the commit: the embedded worker may already have claimed it again.
        Assert.Equal(2, answer.MaxAttempts);
        var redriven = await Http.WaitFinalAsync(first.Id);
        Assert.Equal(JobStateName.Discarded, redriven.State);
        // Two more attempts, not one: the errors of both runs are kept.
        Assert.Equal(2, redriven.Attempt);
        Assert.Equal([1, 2, 1, 2], redriven.Errors.Select(e => e.Attempt));

        using var all = await Http.PostAsync("/api/dlq/retry", null);
        var body = JsonSerializer.Deserialize(await all.Content.ReadAsStringAsync(), WireJsonContext.Default.RetryAllResponse)!;
        Assert.Equal(2, body.Retried);
    }

    [Fact]
    public async Task A_capped_re_drive_takes_the_oldest_dead_jobs_and_says_how_many_are_left()
    {
        var dead = (await Http.SubmitBatchAsync(Enumerable.Range(0, 3).Select(_ => DiesOnce.Job("capped")))).Ids;
        foreach (var id in dead)
        {
            Assert.Equal(JobStateName.Discarded, (await Http.WaitFinalAsync(id)).State);
        }

        using var capped = await Http.PostAsync("/api/dlq/retry?limit=2", null);
        var body = JsonSerializer.Deserialize(await capped.Content.ReadAsStringAsync(), WireJsonContext.Default.RetryAllResponse)!;

        Assert.Equal((HttpStatusCode.OK, 2, 1L), (capped.StatusCode, body.Retried, body.Remaining));
        Assert.Equal(JobStateName.Completed, (await Http.WaitFinalAsync(dead[0])).State);
        Assert.Equal(JobStateName.Completed, (await Http.WaitFinalAsync(dead[1])).State);
        Assert.Equal(JobStateName.Discarded, (await Http.GetJobAsync(dead[2])).State);
        foreach (var limit in new[] { "0", "10001", "some" })
        {
            using var refused = await Http.PostAsync($"/api/dlq/retry?limit={limit}", null);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal($"limit must be a whole number from 1 to 10000, not '{limit}'.", (await refused.ProblemAsync()).Detail);
        }
    }

    [Fact]
    public async Task Retrying_a_job_that_is_not_dead_is_a_conflict()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"echo"}""");
        await Http.WaitFinalAsync(submitted.Id);

        using var response = await Http.PostAsync($"/api/jobs/{submitted.Id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("only discarded or cancelled", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_its_handler()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":60000}}""");
        using var events = await Http.GetStreamAsync($"/api/jobs/{submitted.Id}/events");
        using var reader = new StreamReader(events);
        await ReadUntilAsync(reader, "event: running");

        using var cancel = await Http.PostAsync($"/api/jobs/{submitted.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var job = await Http.WaitFinalAsync(submitted.Id);
        Assert.Equal(JobStateName.Cancelled, job.State);
        Assert.Contains("cancelled on request", job.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_over_its_timeout_fails_with_a_timeout_error()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":60000},"timeoutSeconds":1,"maxAttempts":1}""");

        var job = await Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Discarded, job.State);
        Assert.Equal("timed out after 1 s", job.Errors.Single().Message);
    }

    [Fact]
    public async Task A_scheduled_job_waits_for_its_run_time()
    {
        var runAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        var submitted = await Http.SubmitAsync($$"""{"kind":"echo","runAt":"{{runAt:O}}"}""");
        Assert.Equal(JobStateName.Scheduled, submitted.State);

        var job = await Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Completed, job.State);
        Assert.True(job.StartedAt >= runAt.AddMilliseconds(-5), $"started at {job.StartedAt:O}, before {runAt:O}");
    }

    [Fact]
    public async Task Submitting_twice_with_one_unique_key_creates_one_job()
    {
        var first = await Http.SubmitAsync("""{"kind":"echo","uniqueKey":"order-7"}""");
        var second = await Http.SubmitAsync("""{"kind":"echo","uniqueKey":"order-7"}""");

        Assert.Equal(first.Id, second.Id);
        Assert.True(second.Existing);
    }

    [Fact]
    public async Task Wait_answers_with_the_job_as_it_is_when_the_time_is_up()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":30000}}""");

        var job = await Http.GetJobAsync(submitted.Id, wait: 0.3);

        Assert.True(job.State is JobStateName.Available or JobStateName.Running);
    }

    [Fact]
    public async Task Batch_submission_returns_every_id_and_every_job_completes()
    {
        var body = "{\"jobs\":[" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"kind\":\"echo\",\"payload\":{i}}}")) + "]}";
        using var response = await Http.PostAsync("/api/jobs/batch", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.SubmitBatchResponse)!.Ids;

        Assert.Equal(200, ids.Count);
        var last = await Http.WaitFinalAsync(ids[^1]);
        Assert.Equal("199", last.Result!.Value.GetRawText());
        var first = await Http.WaitFinalAsync(ids[0]);
        Assert.Equal(JobStateName.Completed, first.State);
    }

    [Fact]
    public async Task Listing_filters_by_state_and_pages_with_a_cursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var submitted = await Http.SubmitAsync("""{"kind":"fail","maxAttempts":1}""");
            await Http.WaitFinalAsync(submitted.Id);
            ids.Add(submitted.Id);
        }

        var page1 = JsonSerializer.Deserialize(await Http.GetStringAsync("/api/jobs?state=discarded&limit=2"), WireJsonContext.Default.JobListResponse)!;
        var page2 = JsonSerializer.Deserialize(await Http.GetStringAsync($"/api/jobs?state=discarded&limit=2&after={page1.Next}"), WireJsonContext.Default.JobListResponse)!;

        Assert.Equal([ids[2], ids[1]], page1.Jobs.Select(j => j.Id));
        Assert.Equal([ids[0]], page2.Jobs.Select(j => j.Id));
        Assert.Null(page2.Next);
    }

    [Fact]
    public async Task Server_sent_events_report_each_state_and_end_at_the_final_one()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":200}}""");

        var text = await Http.GetStringAsync($"/api/jobs/{submitted.Id}/events");

        var states = text.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l["event: ".Length..]).ToList();
        Assert.Equal("completed", states[^1]);
        Assert.Contains("running", states);
    }

    [Fact]
    public async Task The_final_server_sent_event_carries_the_result()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":100}}""");

        var events = ServerSentEvents(await Http.GetStringAsync($"/api/jobs/{submitted.Id}/events"));

        var (name, data) = events[^1];
        Assert.Equal("completed", name);
        Assert.Equal("completed", data.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Object, data.GetProperty("result").ValueKind);
        Assert.Equal(0, data.GetProperty("errors").GetArrayLength());
        // Only the final event carries it.
        Assert.All(events.SkipLast(1), e => Assert.False(e.Data.TryGetProperty("result", out _)));
    }

    [Fact]
    public async Task The_final_server_sent_event_of_a_discarded_job_carries_its_errors_also_when_it_was_already_final()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"no route to host"},"maxAttempts":1}""");
        var live = Http.GetStringAsync($"/api/jobs/{submitted.Id}/events");
        await Http.WaitFinalAsync(submitted.Id);

        foreach (var text in new[] { await live, await Http.GetStringAsync($"/api/jobs/{submitted.Id}/events") })
        {
            var (name, data) = ServerSentEvents(text)[^1];
            Assert.Equal("discarded", name);
            Assert.Equal("no route to host", Assert.Single(data.GetProperty("errors").EnumerateArray()).GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Submit_with_wait_answers_200_with_the_finished_job()
    {
        using var response = await Http.PostAsync("/api/jobs?wait=10", Json("""{"kind":"echo","payload":{"n":1}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.JobView)!;
        Assert.Equal(JobStateName.Completed, job.State);
        Assert.Equal("""{"n":1}""", job.Result!.Value.GetRawText());
        Assert.Equal($"/api/jobs/{job.Id}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Submit_with_wait_answers_202_with_the_job_as_it_is_when_the_time_is_up()
    {
        using var response = await Http.PostAsync("/api/jobs?wait=0.2", Json("""{"kind":"sleep","payload":{"ms":3000}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.JobView)!;
        Assert.Contains(job.State, new[] { JobStateName.Available, JobStateName.Running });
        Assert.Equal("sleep", job.Kind);
    }

    [Fact]
    public async Task Submit_with_a_bad_wait_is_a_400_and_stores_nothing()
    {
        using var response = await Http.PostAsync("/api/jobs?wait=soon", Json("""{"kind":"echo","uniqueKey":"bad-wait"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("wait must be a number of seconds", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain((await Http.GetFromJsonAsync("/api/jobs?kind=echo", WireJsonContext.Default.JobListResponse))!.Jobs, j => j.UniqueKey == "bad-wait");
    }

    [Fact]
    public async Task Batch_submit_with_wait_answers_200_with_every_job_once_all_are_final_else_202()
    {
        using var done = await Http.PostAsync("/api/jobs/batch?wait=10", Json("""{"jobs":[{"kind":"echo","payload":1},{"kind":"fail","maxAttempts":1}]}"""));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var finished = JsonSerializer.Deserialize(await done.Content.ReadAsStringAsync(), WireJsonContext.Default.SubmitBatchResponse)!;
        Assert.Equal(finished.Ids, finished.Jobs!.Select(j => j.Id));
        Assert.Equal([JobStateName.Completed, JobStateName.Discarded], finished.Jobs!.Select(j => j.State));

        using var late = await Http.PostAsync("/api/jobs/batch?wait=0.2", Json("""{"jobs":[{"kind":"echo"},{"kind":"sleep","payload":{"ms":3000}}]}"""));
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var pending = JsonSerializer.Deserialize(await late.Content.ReadAsStringAsync(), WireJsonContext.Default.SubmitBatchResponse)!;
        Assert.Equal(2, pending.Jobs!.Count);
        Assert.NotEqual(JobStateName.Completed, pending.Jobs[1].State);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The stream's events as (event name, data).</summary>
    private static List<(string Name, JsonElement Data)> ServerSentEvents(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Where(lines => lines.Any(l => l.StartsWith("event: ", StringComparison.Ordinal)))
            .Select(lines => (
                lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                JsonDocument.Parse(lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement.Clone()))
            .ToList();

    internal static async Task ReadUntilAsync(StreamReader reader, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }
        Assert.Fail($"the event stream ended before '{expected}'");
    }
}
