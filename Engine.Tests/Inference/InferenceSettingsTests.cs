using ActorQueue.Inference;

namespace ActorQueue.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class InferenceSettingsTests
{
    [Fact]
    public void NoModelPath_MeansNoInference()
    {
        Assert.Null(InferenceSettings.From(new InferenceOptions()));
    }

    [Fact]
    public void Defaults_AreTheTorchvisionImageNetPreprocessing_AndRunAsSoonAsAnActorIsFree()
    {
        var settings = InferenceSettings.From(new InferenceOptions { Model = { Path = "m.onnx" } })!;

        Assert.Equal(TensorLayout.Nchw, settings.Layout);
        Assert.Equal(ChannelOrder.Rgb, settings.ChannelOrder);
        Assert.Null(settings.Size);
        Assert.Equal(1f / 255f, settings.Scale);
        Assert.Equal([0.485f, 0.456f, 0.406f], settings.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], settings.Std);
        Assert.Equal(ResizeMode.Crop, settings.Resize);
        Assert.Equal(SoftmaxMode.Auto, settings.Softmax);
        Assert.Equal(4, settings.MaxBatch);
        Assert.Equal(TimeSpan.Zero, settings.MaxDelay);
        Assert.Equal(99, settings.Session.GraphOptimizationLevel);
        Assert.False(settings.Session.AllowSpinning);
    }

    [Fact]
    public void ByDefault_EachCoreGetsAnActor_UpToFour_AndTheCoresAreSharedAmongThem()
    {
        var settings = InferenceSettings.From(new InferenceOptions { Model = { Path = "m.onnx" } })!;

        var cores = Environment.ProcessorCount;
        Assert.Equal(Math.Min(cores, 4), settings.Actors);
        Assert.Equal(Math.Max(1, cores / settings.Actors), settings.Session.IntraOpThreads);
        Assert.InRange(settings.Actors * settings.Session.IntraOpThreads, Math.Min(cores, 4), cores);
    }

    [Fact]
    public void ThreadsAskedFor_AreTakenAsTheyAre()
    {
        var settings = InferenceSettings.From(new InferenceOptions { Actors = 3, IntraOpThreads = 5, Model = { Path = "m.onnx" } })!;

        Assert.Equal((3, 5), (settings.Actors, settings.Session.IntraOpThreads));
    }

    [Fact]
    public void CaffeSqueezeNetSettings_Parse()
    {
        var options = new InferenceOptions { MaxDelayMs = 2.5, GraphOptimization = "Basic" };
        options.Model.Path = "squeezenet.onnx";
        options.Model.ChannelOrder = "bgr";
        options.Model.Scale = 1;
        options.Model.Mean = "103.939, 116.779, 123.68";
        options.Model.Std = "1,1,1";
        options.Model.Resize = "stretch";

        var settings = InferenceSettings.From(options)!;

        Assert.Equal(ChannelOrder.Bgr, settings.ChannelOrder);
        Assert.Equal([103.939f, 116.779f, 123.68f], settings.Mean);
        Assert.Equal(ResizeMode.Stretch, settings.Resize);
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), settings.MaxDelay);
        Assert.Equal(1, settings.Session.GraphOptimizationLevel);
    }

    [Fact]
    public void InvalidValues_AreAllReported_EachInOneSentence()
    {
        var options = new InferenceOptions { Actors = 0, MaxDelayMs = -1, IntraOpThreads = -2, GraphOptimization = "max" };
        options.Model.Path = "m.onnx";
        options.Model.Mean = "0.5,0.5";
        options.Model.Std = "0.2,0,0.2";
        options.Model.Size = 0;
        options.Model.Softmax = "sometimes";

        var error = Assert.Throws<InferenceConfigurationException>(() => InferenceSettings.From(options));

        Assert.Equal(
            "Inference:Model:Mean is '0.5,0.5'; give three comma-separated numbers, one per channel in the model's channel order. "
            + "Inference:Model:Std is '0.2,0,0.2'; give three comma-separated positive numbers, one per channel in the model's channel order. "
            + "Inference:Model:Softmax is 'sometimes'; use one of auto, always, never. "
            + "Inference:GraphOptimization is 'max'; use one of all, extended, basic, disabled. "
            + "Inference:Model:Size is 0; give a size in pixels from 1 to 4096, or leave it unset to take the model's own. "
            + "Inference:MaxDelayMs is -1; it must be from 0 to 60000 milliseconds. "
            + "Inference:Actors is 0; it must be from 1 to 64. "
            + "Inference:IntraOpThreads is -2; it must be from 0 (the cores shared among the actors) to 256.",
            error.Message);
    }
}
