using System.Net;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// Bad input to <c>POST /api/classify</c> gets a problem+json answer that says what to fix, with the same
/// checks as <c>POST /api/images</c>; what only decoding reveals discards the job at once, never retried.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyBadInputTests(ClassifyBadInputTests.SharedSeed shared) : IClassFixture<ClassifyBadInputTests.SharedSeed>
{
    private HttpClient Http => shared.Seed.Http;

    private async Task<(HttpStatusCode Status, ProblemView Problem)> RefusedAsync(byte[] body, string query = "wait=20", string contentType = "image/png")
    {
        using var response = await Http.PostClassifyAsync(body, query, contentType);
        return (response.StatusCode, await response.ProblemAsync());
    }

    [Fact]
    public async Task A_body_not_sent_as_an_image_is_415()
    {
        var (status, problem) = await RefusedAsync(ColourImages.Solid(ColourImages.Red), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Type image/jpeg", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_Images_MaxBytes_is_413()
    {
        var (status, problem) = await RefusedAsync(new byte[300_001]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Images:MaxBytes", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_known_to_be_bad_at_submission_are_400_with_the_reason()
    {
        foreach (var (body, expected) in UploadApi.BadAtSubmission())
        {
            var (status, problem) = await RefusedAsync(body);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("top=0", "top must be a whole number from 1 to 1000, not '0'")]
    [InlineData("top=five", "not 'five'")]
    [InlineData("wait=-1", "wait must be a number of seconds")]
    public async Task A_bad_query_is_400_saying_which_parameter(string query, string expected)
    {
        var (status, problem) = await RefusedAsync(ColourImages.Solid(ColourImages.Red), query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jpeg_cut_off_in_its_pixels_is_discarded_at_once_saying_why()
    {
        var cut = TestImages.Truncated(TestImages.Gradient(1600, 1200), 0.5);

        var job = await Http.ClassifyAsync(cut, "wait=20");

        Assert.Equal((JobStateName.Discarded, 1), (job.State, job.Attempt));
        var error = Assert.Single(job.Errors).Message;
        Assert.StartsWith("The JPEG image (1600×1200) cannot be decoded, so the file is corrupt or truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_classify_job_submitted_without_an_input_blob_is_discarded_saying_what_is_missing()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"inference.classify","payload":{"top":3}}""");
        var missingBlob = await Http.SubmitAsync("""{"kind":"inference.classify","payload":{"input":"no-such-blob"}}""");

        var noInput = await Http.WaitFinalAsync(submitted.Id);
        var gone = await Http.WaitFinalAsync(missingBlob.Id);

        Assert.Equal(JobStateName.Discarded, noInput.State);
        Assert.Contains("payload.input", Assert.Single(noInput.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(JobStateName.Discarded, gone.State);
        Assert.Contains("The input blob no-such-blob does not exist", Assert.Single(gone.Errors).Message, StringComparison.Ordinal);
    }

    /// <summary>One colour-classifier seed with a small upload limit for the tests of this class.</summary>
    public sealed class SharedSeed : IAsyncLifetime
    {
        public ColourSeed Seed { get; private set; } = null!;

        public async Task InitializeAsync() => Seed = await ColourSeed.StartAsync(args: "--Images:MaxBytes=300000");

        public async Task DisposeAsync() => await Seed.DisposeAsync();
    }
}
