using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// Classify jobs that wait together run together. These seeds let a batch wait up to a minute for
/// <c>MaxBatch</c> images (<c>Inference:MaxDelayMs</c>), so the batch that runs is exactly the images the test
/// sent at once, whatever the machine's speed; <c>/metrics</c> tells how many batches ran.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyBatchingTests
{
    private static readonly string[] WaitForFullBatches = ["--Inference:MaxDelayMs=60000"];

    private static readonly byte[][] Mixed =
    [
        ColourImages.Solid(ColourImages.Red),
        ColourImages.Solid(ColourImages.Green, ImageFormat.Jpeg),
        ColourImages.Solid(ColourImages.Blue, ImageFormat.Webp),
        ColourImages.Solid((120, 200, 40)),
        ColourImages.Grey(60),
        ColourImages.Solid((30, 90, 160), ImageFormat.Jpeg),
    ];

    [Fact]
    public async Task Concurrent_jobs_run_in_fewer_batches_than_jobs_with_the_answers_of_single_runs()
    {
        await using var batching = await ColourSeed.StartAsync(args: [.. WaitForFullBatches, "--Inference:MaxBatch=6"]);
        await using var single = await ColourSeed.StartAsync(args: "--Inference:MaxBatch=1");

        var together = await Task.WhenAll(Mixed.Select(image => batching.Http.ClassifyAsync(image, "top=4&wait=30")));
        var alone = new List<JobView>();
        foreach (var image in Mixed)
        {
            alone.Add(await single.Http.ClassifyAsync(image, "top=4&wait=30"));
        }

        Assert.Equal((1L, 6L), await batching.Http.BatchesRunAsync());
        Assert.Equal((6L, 6L), await single.Http.BatchesRunAsync());
        for (var i = 0; i < Mixed.Length; i++)
        {
            var batched = together[i].Classification().Predictions;
            var unbatched = alone[i].Classification().Predictions;
            Assert.Equal(unbatched.Select(p => p.Label), batched.Select(p => p.Label));
            Assert.All(batched.Zip(unbatched), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 5));
        }
    }

    [Fact]
    public async Task A_corrupt_image_is_discarded_at_once_and_the_others_of_its_batch_run_without_it()
    {
        await using var seed = await ColourSeed.StartAsync(args: [.. WaitForFullBatches, "--Inference:MaxBatch=3"]);
        // Its header is fine, so the seed accepts it; its pixel data fails its checksum when decoded.
        var corrupt = TestImages.PngWithCorruptData(400, 300);

        var jobs = await Task.WhenAll(
            seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Red), "top=1&wait=30"),
            seed.Http.ClassifyAsync(corrupt, "top=1&wait=30"),
            seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "top=1&wait=30"),
            seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Blue), "top=1&wait=30"));

        Assert.Equal(["red", "green", "blue"], new[] { jobs[0], jobs[2], jobs[3] }.Select(j => j.Best()));
        var discarded = jobs[1];
        Assert.Equal((JobStateName.Discarded, 1), (discarded.State, discarded.Attempt));
        Assert.Contains("PNG image (400×300) cannot be decoded", Assert.Single(discarded.Errors).Message, StringComparison.Ordinal);
        Assert.Equal((1L, 3L), await seed.Http.BatchesRunAsync());
    }
}
