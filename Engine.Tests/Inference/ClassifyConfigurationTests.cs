using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// The <c>Inference:*</c> keys, given as flags to a real seed, change what the colour classifier sees in ways
/// that show in its answers: labels files, layout, channel order, mean and standard deviation, queue size.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClassifyConfigurationTests
{
    [Theory]
    [InlineData("red\ngreen\nblue\nblack\n")]
    [InlineData("2,blue, the colour of the sky\n0,red\n3,black\n1,green\n")]
    public async Task Labels_one_per_line_or_as_index_comma_label_name_the_classes(string labels)
    {
        await using var seed = await ColourSeed.StartAsync(labels: labels);

        var job = await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Blue), "top=2&wait=20");

        var best = job.Classification().Predictions[0];
        Assert.Equal(2, best.Index);
        Assert.StartsWith("blue", best.Label, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_labels_a_prediction_has_its_index_and_no_label()
    {
        await using var seed = await ColourSeed.StartAsync(labels: null);

        var job = await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "top=1&wait=20");

        var best = Assert.Single(job.Classification().Predictions);
        Assert.Equal((1, null), (best.Index, best.Label));
    }

    [Fact]
    public async Task An_NHWC_model_run_with_Layout_NHWC_gets_the_same_answers()
    {
        await using var seed = await ColourSeed.StartAsync(TestModels.ColourClassifier(size: 8L, nhwc: true), args: "--Inference:Model:Layout=NHWC");

        foreach (var (name, colour) in new[] { ("red", ColourImages.Red), ("green", ColourImages.Green), ("blue", ColourImages.Blue) })
        {
            Assert.Equal(name, (await seed.Http.ClassifyAsync(ColourImages.Solid(colour), "top=1&wait=20")).Best());
        }
    }

    [Fact]
    public async Task With_ChannelOrder_BGR_the_red_channel_goes_last_so_this_RGB_model_reads_red_as_blue()
    {
        await using var seed = await ColourSeed.StartAsync(args: "--Inference:Model:ChannelOrder=BGR");

        Assert.Equal("blue", (await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Red), "top=1&wait=20")).Best());
        Assert.Equal("green", (await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "top=1&wait=20")).Best());
        Assert.Equal("red", (await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Blue), "top=1&wait=20")).Best());
    }

    [Theory]
    [InlineData("--Inference:Model:Mean=1,1,0", "--Inference:Model:Std=1,1,1", "blue")] // white − (1,1,0) = (0,0,1)
    [InlineData("--Inference:Model:Mean=0,0,0", "--Inference:Model:Std=1,0.5,1", "green")] // white ÷ (1,0.5,1) = (1,2,1)
    [InlineData("--Inference:Model:Mean=0.5,0.5,0.5", "--Inference:Model:Std=0.1,0.1,0.1", "black")] // mid grey becomes 0 everywhere
    public async Task Mean_and_Std_are_applied_to_each_channel(string mean, string std, string expected)
    {
        await using var seed = await ColourSeed.StartAsync(args: [mean, std]);
        var image = expected == "black" ? ColourImages.Grey(128) : ColourImages.Solid(ColourImages.White);

        Assert.Equal(expected, (await seed.Http.ClassifyAsync(image, "top=1&wait=20")).Best());
    }

    [Theory]
    [InlineData(new string[0], 12)] // MaxBatch 6 × (1 inference actor + 1)
    [InlineData(new[] { "--queues", "default=4,inference=2" }, 6)] // inference=N sizes each model's queue, raised to MaxBatch so that a batch can fill
    public async Task The_model_queue_has_at_least_MaxBatch_actors(string[] flags, int expected)
    {
        await using var seed = await ColourSeed.StartAsync(args: ["--Inference:MaxBatch=6", .. flags]);

        var self = (await seed.Http.GetClusterAsync()).Members.Single(m => m.Role == "seed");

        Assert.Equal(expected, self.Queues["inference.colour"]);
        Assert.False(self.Queues.ContainsKey("inference"), "classify jobs are queued per model; the plain inference queue is not run");
    }
}
