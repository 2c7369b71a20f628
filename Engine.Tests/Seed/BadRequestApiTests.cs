using System.Net;
using System.Net.Http.Json;
using System.Text;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>Every bad input gets a clear problem+json answer and changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class BadRequestApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--Http:MaxRequestBytes=65536"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Title, string Detail)> PostAsync(string path, string body)
    {
        using var response = await _seed.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync();
        return (response.StatusCode, problem.Title!, problem.Detail!);
    }

    [Theory]
    [InlineData("{\"kind\":\"echo\"", "not valid JSON")]
    [InlineData("kind=echo", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1,2]", "wrong type")]
    public async Task Malformed_json_is_a_400_that_says_where(string body, string expected)
    {
        var (status, _, detail) = await PostAsync("/api/jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":\"echo\",\"priority\":\"high\"}", "Field 'priority' has the wrong type: expected a whole number")]
    [InlineData("{\"kind\":\"echo\",\"maxAttempts\":1.5}", "Field 'maxAttempts' has the wrong type")]
    [InlineData("{\"kind\":\"echo\",\"runAt\":\"tomorrow\"}", "Field 'runAt' has the wrong type: expected an ISO-8601 time")]
    [InlineData("{\"kind\":42}", "Field 'kind' has the wrong type: expected a string")]
    public async Task A_field_of_the_wrong_type_is_named(string body, string expected)
    {
        var (status, _, detail) = await PostAsync("/api/jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":\"echo\",\"queeu\":\"default\"}", "Unknown field 'queeu'. Known fields: kind, payload, queue, priority, maxAttempts, uniqueKey, runAt, timeoutSeconds.")]
    [InlineData("{\"kind\":\"echo\",\"payload\":{\"free\":\"form\"},\"retries\":3}", "Unknown field 'retries'. Known fields:")]
    public async Task A_field_a_job_does_not_have_is_a_400_that_names_it(string body, string expected)
    {
        var (status, _, detail) = await PostAsync("/api/jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_a_batched_job_does_not_have_names_the_job_and_the_field_and_stores_none_of_the_batch()
    {
        var (status, _, detail) = await PostAsync("/api/jobs/batch", "{\"jobs\":[{\"kind\":\"echo\"},{\"kind\":\"echo\",\"prio\":1}]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Unknown field 'jobs[1].prio'. Known fields: kind,", detail, StringComparison.Ordinal);
        Assert.Empty((await _seed.Http.GetFromJsonAsync("/api/jobs", ActorQueue.Protocol.WireJsonContext.Default.JobListResponse))!.Jobs);
    }

    [Fact]
    public async Task A_queue_no_member_claims_from_is_a_400_that_lists_the_known_queues_instead_of_a_job_that_waits_forever()
    {
        var (status, _, detail) = await PostAsync("/api/jobs", "{\"kind\":\"echo\",\"queue\":\"defualt\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Unknown queue 'defualt'. Known queues: default, image", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "kind is required")]
    [InlineData("{\"kind\":\"resize-everything\"}", "Unknown job kind 'resize-everything'. Known kinds: echo, fail, image.thumbnail, sleep.")]
    [InlineData("{\"kind\":\"echo\",\"queue\":\"no spaces\"}", "queue 'no spaces' is not a valid name")]
    [InlineData("{\"kind\":\"echo\",\"maxAttempts\":0}", "maxAttempts must be between 1 and 1000.")]
    [InlineData("{\"kind\":\"echo\",\"priority\":5000}", "priority must be between -1000 and 1000")]
    [InlineData("{\"kind\":\"echo\",\"timeoutSeconds\":0}", "timeoutSeconds must be between 1 and")]
    public async Task Invalid_fields_are_refused_with_what_to_fix(string body, string expected)
    {
        var (status, title, detail) = await PostAsync("/api/jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid request", title);
        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
        Assert.Empty(JsonJobs(await _seed.Http.GetStringAsync("/api/jobs")));
    }

    [Fact]
    public async Task A_batch_with_one_bad_job_is_refused_whole_and_names_it()
    {
        var (status, _, detail) = await PostAsync("/api/jobs/batch", """{"jobs":[{"kind":"echo"},{"kind":"nope"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("jobs[1]: Unknown job kind 'nope'", detail, StringComparison.Ordinal);
        Assert.Empty(JsonJobs(await _seed.Http.GetStringAsync("/api/jobs")));
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        var big = "{\"kind\":\"echo\",\"payload\":\"" + new string('x', 100_000) + "\"}";

        var (status, title, detail) = await PostAsync("/api/jobs", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("Request body too large", title);
        Assert.Contains("65536", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_id_is_a_404()
    {
        using var response = await _seed.Http.GetAsync("/api/jobs/0190aaaa-0000-7000-8000-000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Job not found", (await response.ProblemAsync()).Title);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await _seed.Http.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/api/nothing-here", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/jobs?state=finished", "state 'finished' is not a job state")]
    [InlineData("/api/jobs?limit=0", "limit must be a whole number from 1 to 1000")]
    [InlineData("/api/jobs/x?wait=soon", "wait must be a number of seconds")]
    public async Task Bad_query_parameters_are_refused(string url, string expected)
    {
        using var response = await _seed.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    private static List<System.Text.Json.JsonElement> JsonJobs(string listJson) =>
        System.Text.Json.JsonDocument.Parse(listJson).RootElement.GetProperty("jobs").EnumerateArray().ToList();
}
