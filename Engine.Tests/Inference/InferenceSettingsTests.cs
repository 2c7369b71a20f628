using ActorQueue.Inference;

namespace ActorQueue.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class InferenceSettingsTests
{
    private static InferenceOptions Declared(Action<InferenceOptions>? configure = null)
    {
        var options = new InferenceOptions { Model = { Path = "m.onnx" } };
        ModelFiles.Declare(options.Model, 224);
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public void NoModelPath_MeansNoInference()
    {
        Assert.Null(InferenceSettings.From(new InferenceOptions()));
    }

    [Fact]
    public void A_model_whose_preprocessing_is_not_declared_is_refused_with_one_sentence_naming_every_key_to_declare()
    {
        var error = Assert.Throws<InferenceConfigurationException>(() => InferenceSettings.From(new InferenceOptions { Model = { Path = "squeezenet.onnx", Resize = "crop" } }));

        Assert.Equal(
            "--model squeezenet.onnx does not declare how its input is made: declare Inference:Model:Input, Inference:Model:Layout, Inference:Model:Size, "
            + "Inference:Model:ChannelOrder, Inference:Model:Scale, Inference:Model:Mean, Inference:Model:Std, Inference:Model:CropFraction "
            + "(for example --Inference:Model:Mean=0.485,0.456,0.406), or serve it from a model repository with a model.json (--models DIR), "
            + "since nothing that changes the numbers fed to a model is guessed.",
            error.Message);
    }

    [Fact]
    public void Declared_keys_are_taken_as_they_are_and_only_batching_threads_and_softmax_have_defaults()
    {
        var settings = InferenceSettings.From(Declared())!;

        Assert.Equal(("m", "pixels", 224), (settings.Name, settings.InputName, settings.Size));
        Assert.Equal(TensorLayout.Nchw, settings.Layout);
        Assert.Equal(ChannelOrder.Rgb, settings.ChannelOrder);
        Assert.Equal(1f / 255f, settings.Scale);
        Assert.Equal([0f, 0f, 0f], settings.Mean);
        Assert.Equal([1f, 1f, 1f], settings.Std);
        Assert.Equal(ResizeMode.Stretch, settings.Resize);
        Assert.Equal(SoftmaxMode.Auto, settings.Softmax);
        Assert.Equal(4, settings.MaxBatch);
        Assert.Equal(TimeSpan.Zero, settings.MaxDelay);
        Assert.Equal(99, settings.Session.GraphOptimizationLevel);
        Assert.False(settings.Session.AllowSpinning);
    }

    [Fact]
    public void ByDefault_EachCoreGetsAnActor_UpToFour_AndTheCoresAreSharedAmongThem()
    {
        var settings = InferenceSettings.From(Declared())!;

        var cores = Environment.ProcessorCount;
        Assert.Equal(Math.Min(cores, 4), settings.Actors);
        Assert.Equal(Math.Max(1, cores / settings.Actors), settings.Session.IntraOpThreads);
        Assert.InRange(settings.Actors * settings.Session.IntraOpThreads, Math.Min(cores, 4), cores);
    }

    [Fact]
    public void ThreadsAskedFor_AreTakenAsTheyAre()
    {
        var settings = InferenceSettings.From(Declared(o => { o.Actors = 3; o.IntraOpThreads = 5; }))!;

        Assert.Equal((3, 5), (settings.Actors, settings.Session.IntraOpThreads));
    }

    [Fact]
    public void CaffeSqueezeNetSettings_Parse()
    {
        var options = Declared(o => { o.MaxDelayMs = 2.5; o.GraphOptimization = "Basic"; });
        options.Model.Path = "squeezenet.onnx";
        options.Model.Input = "data_0";
        options.Model.ChannelOrder = "bgr";
        options.Model.Scale = 1;
        options.Model.Mean = "103.939, 116.779, 123.68";
        options.Model.Std = "1,1,1";
        options.Model.Resize = "crop";
        options.Model.CropFraction = 0.875;

        var settings = InferenceSettings.From(options)!;

        Assert.Equal(ChannelOrder.Bgr, settings.ChannelOrder);
        Assert.Equal([103.939f, 116.779f, 123.68f], settings.Mean);
        Assert.Equal((ResizeMode.Crop, 0.875f), (settings.Resize, settings.CropFraction));
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), settings.MaxDelay);
        Assert.Equal(1, settings.Session.GraphOptimizationLevel);
    }

    [Fact]
    public void InvalidValues_AreAllReported_EachInOneSentence()
    {
        var options = Declared(o => { o.Actors = 0; o.MaxDelayMs = -1; o.IntraOpThreads = -2; o.GraphOptimization = "max"; });
        options.Model.Mean = "0.5,0.5";
        options.Model.Std = "0.2,0,0.2";
        options.Model.Size = 0;
        options.Model.Softmax = "sometimes";
        options.Model.CropFraction = 0.875;

        var error = Assert.Throws<InferenceConfigurationException>(() => InferenceSettings.From(options));

        Assert.Equal(
            "Inference:Model:Mean is '0.5,0.5'; give three comma-separated numbers, one per channel in the model's channel order. "
            + "Inference:Model:Std is '0.2,0,0.2'; give three comma-separated positive numbers, one per channel in the model's channel order. "
            + "Inference:Model:Softmax is 'sometimes'; use one of auto, always, never. "
            + "Inference:Model:Size is 0; give the side of the model's square input in pixels, from 1 to 4096. "
            + "Inference:Model:CropFraction is set, but it only applies to Inference:Model:Resize=crop; remove it or resize by crop. "
            + "Inference:GraphOptimization is 'max'; use one of all, extended, basic, disabled. "
            + "Inference:MaxDelayMs is -1; it must be from 0 to 60000 milliseconds. "
            + "Inference:Actors is 0; it must be from 1 to 64. "
            + "Inference:IntraOpThreads is -2; it must be from 0 (the cores shared among the actors) to 256.",
            error.Message);
    }
}
