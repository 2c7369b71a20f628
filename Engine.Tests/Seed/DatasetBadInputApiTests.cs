using System.Net;
using System.Text;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Seed;

/// <summary>Every bad dataset input gets a clear answer and loses nothing that was accepted before it.</summary>
[Trait("Category", "Integration")]
public sealed class DatasetBadInputApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--Datasets:MaxRowBytes=4096", "--Datasets:IngestChunkSize=2"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private HttpClient Http => _seed.Http;

    [Fact]
    public async Task A_row_with_too_few_fields_stops_the_upload_at_its_line_and_the_rows_before_it_stay()
    {
        var dataset = await Http.CreateDatasetAsync();
        const string Csv = "player,points,rebounds\nann,1,2\nbob,3,4\nann,5,6\ncarl,7\nbob,9,10\n";

        using var response = await Http.PostRowsAsync(dataset.Id, Csv);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Line 5", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("The 3 row(s) before it were stored", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("?firstSeq=1", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);

        // Fixed and sent again as the message says: only the missing rows are stored.
        var fixedUpload = await Http.UploadAsync(dataset.Id, Csv.Replace("carl,7\n", "carl,7,8\n", StringComparison.Ordinal), firstSeq: 1);
        Assert.Equal(new(2, 5), (fixedUpload.Accepted, fixedUpload.LastSeq));
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_with_its_line()
    {
        var dataset = await Http.CreateDatasetAsync();

        using var response = await Http.PostRowsAsync(dataset.Id, "player,points,rebounds\nann,1,2\n\"bob,3,4\nann,5,6\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Line 3", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task A_latin1_file_is_refused_as_not_utf8()
    {
        var dataset = await Http.CreateDatasetAsync();
        var latin1 = Encoding.Latin1.GetBytes("player,points,rebounds\nann,1,2\nJos\u00e9,3,4\n");

        using var response = await Http.PostRowsAsync(dataset.Id, latin1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.ProblemAsync()).Detail;
        Assert.Contains("Line 3", detail, StringComparison.Ordinal);
        Assert.Contains("UTF-8", detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task A_field_longer_than_the_limit_is_refused_without_buffering_it_whole()
    {
        var dataset = await Http.CreateDatasetAsync();
        var huge = "player,points,rebounds\nann,1,2\nbob," + new string('9', 64 * 1024) + ",4\n";

        using var response = await Http.PostRowsAsync(dataset.Id, huge);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Line 3", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Fact]
    public async Task An_ndjson_line_that_is_not_an_object_is_reported_with_its_line()
    {
        var dataset = await Http.CreateDatasetAsync();

        using var notObject = await Http.PostRowsAsync(dataset.Id, "{\"player\":\"ann\",\"points\":1,\"rebounds\":2}\n\n[1,2]\n", "application/x-ndjson");
        using var notJson = await Http.PostRowsAsync(dataset.Id, "{\"player\":\"bob\",\"points\":1,\"rebounds\":2}\n{\"player\": bob}\n", "application/x-ndjson");
        using var tooLong = await Http.PostRowsAsync(dataset.Id, "{\"player\":\"" + new string('x', 10_000) + "\"}\n", "application/x-ndjson");

        Assert.Contains("Line 3", (await notObject.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Contains("Line 2", (await notJson.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Contains("longer than 4096 bytes", (await tooLong.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await Http.GetDatasetAsync(dataset.Id)).RowsReceived);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("player,,rebounds\nann,1,2\n", "no name")]
    [InlineData("player,points,player\nann,1,2\n", "twice")]
    public async Task A_bad_header_is_refused(string csv, string expected)
    {
        var dataset = await Http.CreateDatasetAsync();

        using var response = await Http.PostRowsAsync(dataset.Id, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_in_another_media_type_are_refused_with_415()
    {
        var dataset = await Http.CreateDatasetAsync();

        using var response = await Http.PostRowsAsync(dataset.Id, "a,b\n1,2\n", "application/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_datasets_answer_404_everywhere()
    {
        using var get = await Http.GetAsync("/api/datasets/nope");
        using var rows = await Http.PostRowsAsync("nope", "a\n1\n");
        using var seal = await Http.PostAsync("/api/datasets/nope/seal", null);
        using var results = await Http.GetAsync("/api/datasets/nope/results");

        Assert.All([get, rows, seal, results], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
    }

    [Theory]
    [InlineData("""{"name":"g","processor":"median"}""", "processor 'median' is not registered; this seed knows delta, running-stats")]
    [InlineData("""{"name":"g","processor":"running-stats"}""", "running-stats needs options")]
    [InlineData("""{"name":"g","processor":"running-stats","options":{"keyColumn":"p"}}""", "valueColumns is required")]
    [InlineData("""{"name":"g","processor":"running-stats","options":{"keyColumn":"p","valueColumns":["x"],"window":3}}""", "unknown option 'window'")]
    [InlineData("""{"name":"g","processor":"delta","options":{"keyColumn":"p","valueColumns":["x"]},"onError":"ignore"}""", "onError must be 'fail' or 'skip'")]
    [InlineData("""{"processor":"delta"}""", "name is required")]
    [InlineData("""{"name":"g","processor":"delta",""", "not valid JSON")]
    public async Task A_bad_create_request_is_refused_with_a_sentence(string body, string expected)
    {
        using var response = await Http.PostAsync("/api/datasets", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_number_under_policy_fail_stops_the_dataset_at_that_row_until_resumed_with_skip()
    {
        var dataset = await Http.CreateDatasetAsync();
        await Http.UploadAsync(dataset.Id, "player,points,rebounds\nann,1,2\nbob,lots,4\nann,5,6\n");
        await Http.SealAsync(dataset.Id);

        var failed = await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal("failed", failed.Status);
        Assert.Equal(2, failed.Failure!.Seq);
        Assert.Equal("column 'points' is 'lots', not a number", failed.Failure.Message);
        Assert.Equal(1, failed.RowsProcessed);

        using var resume = await Http.PostAsync($"/api/datasets/{dataset.Id}/resume", new StringContent("""{"onError":"skip"}""", Encoding.UTF8, "application/json"));
        resume.EnsureSuccessStatusCode();
        var done = await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal("completed", done.Status);
        Assert.Equal(3, done.RowsProcessed);
        Assert.Equal(1, done.ErrorCount);
        Assert.Equal(2, Assert.Single(done.Errors).Seq);
        var results = await Http.ResultsAsync(dataset.Id);
        Assert.Equal([1L, 3L], results.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal(6, results[1].GetProperty("stats").GetProperty("points").GetProperty("sum").GetDouble());
    }

    [Fact]
    public async Task Policy_skip_records_each_rejected_row_and_goes_on()
    {
        var dataset = await Http.CreateDatasetAsync(onError: "skip");
        await Http.UploadAsync(dataset.Id, "player,points,rebounds\nann,1,2\n,3,4\nbob,NaN,1\nann,5,6\n");
        await Http.SealAsync(dataset.Id);

        var done = await Http.WaitDatasetFinalAsync(dataset.Id);

        Assert.Equal("completed", done.Status);
        Assert.Equal(2, done.ErrorCount);
        Assert.Equal(["column 'player' is missing or empty", "column 'points' is 'NaN', not a number"], done.Errors.Select(e => e.Message));
        Assert.Equal(2, (await Http.ResultsAsync(dataset.Id)).Count);
    }

    [Fact]
    public async Task Resuming_a_dataset_that_did_not_fail_is_a_conflict()
    {
        var dataset = await Http.CreateDatasetAsync();

        using var response = await Http.PostAsync($"/api/datasets/{dataset.Id}/resume", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not failed", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }
}
