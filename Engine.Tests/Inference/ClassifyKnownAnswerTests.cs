using System.Net.Http.Json;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// <c>POST /api/classify</c> on a real seed started with <c>--model</c> and <c>--labels</c> (the colour
/// classifier): images the tests make with libvips get known answers, whatever their format, depth or bands.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyKnownAnswerTests(ClassifyKnownAnswerTests.SharedSeed shared) : IClassFixture<ClassifyKnownAnswerTests.SharedSeed>
{
    private HttpClient Http => shared.Seed.Http;

    [Fact]
    public async Task Red_green_and_blue_images_in_jpeg_png_and_webp_are_classified_as_their_colour()
    {
        var colours = new[] { ("red", ColourImages.Red), ("green", ColourImages.Green), ("blue", ColourImages.Blue) };
        foreach (var format in new[] { ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Webp })
        {
            foreach (var (name, colour) in colours)
            {
                var job = await Http.ClassifyAsync(ColourImages.Solid(colour, format), "top=1&wait=20");

                var result = job.Classification();
                Assert.Equal("colour", result.Model);
                var best = Assert.Single(result.Predictions);
                Assert.True(best.Label == name && best.Score > 0.9, $"a {name} {format} image was classified as {best.Label} ({best.Score})");
            }
        }
    }

    [Fact]
    public async Task Top_returns_that_many_classes_best_first_and_at_most_every_class_of_the_model()
    {
        var three = (await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "top=3&wait=20")).Classification().Predictions;
        var all = (await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "top=50&wait=20")).Classification().Predictions;
        var unspecified = (await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "wait=20")).Classification().Predictions;

        Assert.Equal(3, three.Count);
        Assert.Equal("green", three[0].Label);
        Assert.Equal(three.OrderByDescending(p => p.Score).Select(p => p.Index), three.Select(p => p.Index));
        Assert.Equal(["black", "blue", "green", "red"], all.Select(p => p.Label).Order());
        Assert.Equal(1.0, all.Sum(p => p.Score), 3);
        Assert.Equal(4, unspecified.Count); // the default of 5, capped at the model's 4 classes
    }

    [Fact]
    public async Task A_grey_image_is_read_as_three_equal_channels()
    {
        var dark = await Http.ClassifyAsync(ColourImages.Grey(20), "top=1&wait=20");
        var light = (await Http.ClassifyAsync(ColourImages.Grey(200, ImageFormat.Jpeg), "top=4&wait=20")).Classification().Predictions;

        Assert.Equal("black", dark.Best());
        var colours = light.Where(p => p.Label != "black").Select(p => p.Score).ToArray();
        Assert.Equal(3, colours.Length);
        Assert.All(colours, score => Assert.Equal(colours[0], score, 4));
    }

    [Fact]
    public async Task A_16_bit_png_is_classified_like_its_8_bit_original()
    {
        var deep = (await Http.ClassifyAsync(ColourImages.Png16(ColourImages.Blue), "top=4&wait=20")).Classification().Predictions;
        var plain = (await Http.ClassifyAsync(ColourImages.Solid(ColourImages.Blue), "top=4&wait=20")).Classification().Predictions;

        Assert.Equal("blue", deep[0].Label);
        Assert.Equal(plain.Select(p => (p.Index, Math.Round(p.Score, 3))), deep.Select(p => (p.Index, Math.Round(p.Score, 3))));
    }

    [Fact]
    public async Task Transparent_pixels_count_as_a_white_background_not_as_their_hidden_colour()
    {
        // Three quarters of the image are fully transparent pixels whose colour is red; the last quarter is
        // opaque green. Flattened onto white the image is mostly white and green; read without its alpha it
        // would be mostly red.
        var image = ColourImages.Paint(40, 40, 4, (x, _) => x < 30 ? [255, 0, 0, 0] : [0, 255, 0, 255]);

        var job = await Http.ClassifyAsync(image, "top=1&wait=20");

        Assert.Equal("green", job.Best());
    }

    [Fact]
    public async Task The_answer_comes_as_200_with_the_finished_job_within_wait_and_as_202_without_wait()
    {
        using var waited = await Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red), "wait=20");
        using var queued = await Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red), "top=2");
        var job = await Http.WaitFinalAsync((await queued.Content.ReadFromJsonAsync(WireJsonContext.Default.JobView))!.Id);

        Assert.Equal(System.Net.HttpStatusCode.OK, waited.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        Assert.StartsWith("/api/jobs/", queued.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(("inference.classify", "inference.colour", "red"), (job.Kind, job.Queue, job.Best())); // each model has its queue
        Assert.Equal(2, job.Classification().Predictions.Count);
    }

    /// <summary>One colour-classifier seed for the tests of this class.</summary>
    public sealed class SharedSeed : IAsyncLifetime
    {
        public ColourSeed Seed { get; private set; } = null!;

        public async Task InitializeAsync() => Seed = await ColourSeed.StartAsync();

        public async Task DisposeAsync() => await Seed.DisposeAsync();
    }
}
