using System.Net;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// The old single-model flags: <c>--model PATH.onnx</c> serves one model named after the file, but only once
/// its preprocessing is declared with the <c>Inference:Model:*</c> keys; otherwise the seed refuses it and
/// says which keys to declare.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SingleModelFlagsTests
{
    [Fact]
    public async Task A_model_given_without_its_preprocessing_is_refused_naming_the_keys_to_declare()
    {
        using var files = new ModelFiles();
        var path = files.Write("colour.onnx", TestModels.ColourClassifier(size: 8L));
        await using var seed = await SeedServer.StartAsync(["--model", path, "--Inference:Model:Input=pixels"]);

        using var refused = await seed.Http.PostClassifyAsync(ColourImages.Solid(ColourImages.Red));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(
            $"Model 'colour': --model {path} does not declare how its input is made: declare Inference:Model:Layout, Inference:Model:Size, Inference:Model:ChannelOrder, "
            + "Inference:Model:Scale, Inference:Model:Mean, Inference:Model:Std, Inference:Model:Resize (for example",
            (await refused.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_given_with_its_preprocessing_is_served_under_its_file_name()
    {
        await using var seed = await ColourSeed.StartAsync();

        var job = await seed.Http.ClassifyAsync(ColourImages.Solid(ColourImages.Green), "model=colour&top=1&wait=20");

        Assert.Equal(("colour", "green"), (job.Classification().Model, job.Best()));
    }
}
