using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// Cancelling a classify job while the model runs it ends the job at once and terminates the run (ONNX
/// Runtime's terminate flag), freeing the model for the next image. The model here needs minutes for one
/// run, so the next run can only start within the test's budget if the cancelled one was terminated.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyCancellationTests
{
    [Fact]
    public async Task Cancelling_a_job_the_model_is_running_cancels_it_and_frees_the_model_for_the_next_image()
    {
        await using var seed = await ColourSeed.StartAsync(TestModels.Slow(matMuls: 5000), labels: null, "--Inference:MaxBatch=1", "--Inference:Model:Size=4");
        var image = ColourImages.Solid(ColourImages.Red);

        var first = await seed.Http.ClassifyAsync(image, "top=1");
        await Eventually.HoldsAsync(async () => await RunsStartedAsync(seed.Http) == 1, "the model to start the first image");
        var second = await seed.Http.ClassifyAsync(image, "top=1");
        (await seed.Http.PostAsync($"/api/jobs/{first.Id}/cancel", null)).EnsureSuccessStatusCode();

        var cancelled = await seed.Http.WaitFinalAsync(first.Id);
        await Eventually.HoldsAsync(async () => await RunsStartedAsync(seed.Http) == 2, "the model to start the second image");
        (await seed.Http.PostAsync($"/api/jobs/{second.Id}/cancel", null)).EnsureSuccessStatusCode();
        var alsoCancelled = await seed.Http.WaitFinalAsync(second.Id);
        var metrics = await seed.Http.ScrapeAsync();

        Assert.Equal((JobStateName.Cancelled, JobStateName.Cancelled), (cancelled.State, alsoCancelled.State));
        Assert.Equal(2, metrics.Value("aq_inference_requests_total", ("outcome", "cancelled")));
    }

    /// <summary>Images whose run began: the queue-time histogram records each image as its batch starts.</summary>
    private static async Task<long> RunsStartedAsync(HttpClient http) =>
        (long)((await http.ScrapeAsync()).Value("aq_inference_queue_seconds_count") ?? 0);
}
