using System.Net;
using System.Net.Http.Headers;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

[Trait("Category", "Integration")]
public sealed class SecurityAndOpsApiTests
{
    [Fact]
    public async Task With_a_token_configured_requests_without_it_or_with_a_wrong_one_are_401()
    {
        await using var seed = await SeedServer.StartAsync(["--api-token", "s3cret"]);

        using var missing = await seed.Http.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Token required", (await missing.ProblemAsync()).Title);

        seed.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        using var wrong = await seed.Http.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Wrong token", (await wrong.ProblemAsync()).Title);

        seed.UseToken("s3cret");
        using var right = await seed.Http.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        seed.Http.DefaultRequestHeaders.Authorization = null;
        using var health = await seed.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Metrics_show_jobs_by_queue_and_state_outcomes_and_latency()
    {
        await using var seed = await SeedServer.StartAsync(SeedServer.FastRetries);
        var ok = await seed.Http.SubmitAsync("""{"kind":"echo"}""");
        var bad = await seed.Http.SubmitAsync("""{"kind":"fail","maxAttempts":1}""");
        await seed.Http.WaitFinalAsync(ok.Id);
        await seed.Http.WaitFinalAsync(bad.Id);

        var metrics = await seed.Http.GetStringAsync("/metrics");

        Assert.Contains("aq_jobs{queue=\"default\",state=\"completed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_jobs{queue=\"default\",state=\"discarded\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_jobs_claimed_total{queue=\"default\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_job_attempts_finished_total{queue=\"default\",outcome=\"completed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_job_attempts_finished_total{queue=\"default\",outcome=\"discarded\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_job_latency_seconds_count{queue=\"default\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("aq_job_latency_seconds_bucket{queue=\"default\",le=\"+Inf\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_page_is_served_at_the_root()
    {
        await using var seed = await SeedServer.StartAsync();

        using var response = await seed.Http.GetAsync("/");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
