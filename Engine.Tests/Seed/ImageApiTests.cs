using System.Net;
using System.Net.Http.Json;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Seed;

/// <summary><c>POST /api/images</c> and <c>GET /api/blobs/{id}</c> against a real seed with its embedded image pool.</summary>
[Trait("Category", "Integration")]
public sealed class ImageApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(["--Images:MaxBytes=2000000", "--Http:MaxRequestBytes=100000"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private async Task<(HttpStatusCode Status, ProblemView Problem)> RefusedAsync(byte[] image, string query, string contentType = "image/jpeg")
    {
        using var response = await _seed.Http.PostImageAsync(image, query, contentType);
        return (response.StatusCode, await response.ProblemAsync());
    }

    [Fact]
    public async Task A_photo_becomes_one_output_per_size_each_served_as_an_image()
    {
        var photo = TestImages.Gradient(1600, 1200);

        var job = await _seed.Http.SubmitImageAsync(photo, "sizes=128,512,1024&format=webp&crop=attention&wait=20");

        Assert.Equal("image.thumbnail", job.Kind);
        Assert.Equal("image", job.Queue);
        var result = job.Thumbnails();
        Assert.Equal(("jpeg", 1600, 1200, (long)photo.Length), (result.Input.Format, result.Input.Width, result.Input.Height, result.Input.Bytes));
        Assert.Equal([128, 512, 1024], result.Outputs.Select(o => o.Size));
        foreach (var output in result.Outputs)
        {
            Assert.Equal($"/api/blobs/{output.BlobId}", output.Url);
            using var response = await _seed.Http.GetAsync(output.Url);
            response.EnsureSuccessStatusCode();
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(output.Bytes, bytes.Length);
            var decoded = DecodedImage.From(bytes);
            Assert.Equal((ImageFormat.Webp, output.Size, output.Size), (decoded.Format, decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public async Task Without_wait_the_answer_is_202_with_the_job_and_where_to_follow_it()
    {
        using var response = await _seed.Http.PostImageAsync(TestImages.Gradient(300, 200, ImageFormat.Png), "sizes=64", "image/png");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!;
        Assert.Equal($"/api/jobs/{job.Id}", response.Headers.Location?.OriginalString);
        var output = Assert.Single((await _seed.Http.WaitFinalAsync(job.Id)).Thumbnails().Outputs);
        Assert.Equal(("png", 64, 43), (output.Format, output.Width, output.Height));
    }

    [Fact]
    public async Task A_blob_is_cacheable_for_good_and_unknown_ones_are_404()
    {
        var job = await _seed.Http.SubmitImageAsync(TestImages.Gradient(200, 200), "sizes=32&wait=20");
        var url = job.Thumbnails().Outputs[0].Url;

        using var first = await _seed.Http.GetAsync(url);
        Assert.Contains("immutable", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await _seed.Http.SendAsync(again);
        using var unknown = await _seed.Http.GetAsync("/api/blobs/01a20221-105e-7091-a66e-80426260e5f2");

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Blob not found", (await unknown.ProblemAsync()).Title);
    }

    [Fact]
    public async Task Uploads_have_their_own_size_limit_above_the_general_one()
    {
        // Over Http:MaxRequestBytes (100,000) but within Images:MaxBytes (2,000,000).
        var photo = TestImages.Gradient(1000, 1000, ImageFormat.Png);
        Assert.InRange(photo.Length, 100_001, 2_000_000);

        var job = await _seed.Http.SubmitImageAsync(photo, "sizes=100&wait=20");

        Assert.Equal(JobStateName.Completed, job.State);
    }

    [Fact]
    public async Task An_upload_over_the_image_limit_is_413()
    {
        var (status, problem) = await RefusedAsync(new byte[2_000_001], "sizes=100");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Images:MaxBytes", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_upload_without_a_length_is_cut_off_with_413_at_the_limit()
    {
        var content = new StreamContent(new MemoryStream(new byte[3_000_000]));
        content.Headers.ContentType = new("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/images?sizes=100") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _seed.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain", "Content-Type image/jpeg")]
    [InlineData("application/x-www-form-urlencoded", "curl --data-binary")]
    public async Task A_body_that_is_not_sent_as_an_image_is_415(string contentType, string expected)
    {
        var (status, problem) = await RefusedAsync(TestImages.Gradient(20, 20), "sizes=10", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_images_known_at_submission_are_400_with_the_reason()
    {
        foreach (var (body, expected) in UploadApi.BadAtSubmission())
        {
            var (status, problem) = await RefusedAsync(body, "sizes=100");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "sizes is required")]
    [InlineData("sizes=100,abc", "'abc' is not one")]
    [InlineData("sizes=100&format=bmp", "format must be jpeg, png or webp")]
    [InlineData("sizes=100&crop=smart", "crop must be none, centre or attention")]
    [InlineData("sizes=100&wait=forever", "wait must be a number of seconds")]
    public async Task Bad_parameters_are_400_with_what_to_fix(string query, string expected)
    {
        var (status, problem) = await RefusedAsync(TestImages.Gradient(20, 20), query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jpeg_cut_off_in_its_pixels_is_discarded_at_once_not_retried()
    {
        var truncated = TestImages.Truncated(TestImages.Gradient(1600, 1200), 0.5);

        var job = await _seed.Http.SubmitImageAsync(truncated, "sizes=100,800&wait=20");

        Assert.Equal(JobStateName.Discarded, job.State);
        Assert.Equal(1, job.Attempt);
        var error = Assert.Single(job.Errors);
        Assert.StartsWith("The JPEG image cannot be decoded, so the file is corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_submitted_by_hand_without_its_input_is_discarded_saying_so()
    {
        var noInput = await _seed.Http.SubmitAsync("""{"kind":"image.thumbnail","payload":{"sizes":[10]}}""");
        var goneInput = await _seed.Http.SubmitAsync("""{"kind":"image.thumbnail","payload":{"input":"01a20221-105e-7091-a66e-80426260e5f2","sizes":[10]}}""");

        Assert.Contains("payload.input", (await _seed.Http.WaitFinalAsync(noInput.Id)).Errors.Single().Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", (await _seed.Http.WaitFinalAsync(goneInput.Id)).Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_images_at_once_all_complete_with_their_own_outputs()
    {
        var widths = Enumerable.Range(0, 12).Select(i => 300 + (i * 40)).ToList();

        var jobs = await Task.WhenAll(widths.Select(w => _seed.Http.SubmitImageAsync(TestImages.Gradient(w, 200), "sizes=50,250&format=png&wait=60")));

        for (var i = 0; i < jobs.Length; i++)
        {
            var outputs = jobs[i].Thumbnails().Outputs;
            Assert.Equal(250, outputs[1].Width);
            Assert.Equal((int)Math.Round(200.0 * 250 / widths[i]), outputs[1].Height, tolerance: 1);
        }
        Assert.Equal(24, jobs.SelectMany(j => j.Thumbnails().Outputs).Select(o => o.BlobId).Distinct().Count());
    }

    [Fact]
    public async Task The_seed_runs_an_image_pool_of_one_actor_per_core_plus_one_by_default()
    {
        var cluster = (await _seed.Http.GetFromJsonAsync("/api/cluster", WireJsonContext.Default.ClusterView))!;

        var self = cluster.Members.Single(m => m.Id == cluster.Self);
        Assert.Equal(Environment.ProcessorCount + 1, self.Queues["image"]);
        Assert.Equal(32, self.Queues["default"]);
    }
}
