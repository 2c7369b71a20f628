using ActorQueue.Inference.Model;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

/// <summary>A model that cannot serve is refused at load with one sentence saying what is wrong.</summary>
[Trait("Category", "Integration")]
public sealed class ModelLoadErrorTests : IDisposable
{
    private readonly ModelFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ModelLoadException LoadFails(byte[] model, Action<ActorQueue.Inference.InferenceOptions>? configure = null)
    {
        var path = _files.Write("model.onnx", model);
        return Assert.Throws<ModelLoadException>(() => OnnxModel.Load(ModelFiles.Settings(path, configure)));
    }

    private static void AssertOneSentence(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysTheFileDoesNotExist()
    {
        var path = _files.PathOf("nowhere.onnx");

        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load(ModelFiles.Settings(path)));

        Assert.Equal($"The model file {path} does not exist.", error.Message);
    }

    [Fact]
    public void Load_GarbageBytes_SaysItIsNotALoadableModel()
    {
        var error = LoadFails(TestModels.Garbage());

        Assert.StartsWith($"The model file {_files.PathOf("model.onnx")} is not a model ONNX Runtime can load: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Protobuf parsing failed", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public void Load_OneChannelInput_SaysExpectedAndActualShape()
    {
        var error = LoadFails(TestModels.Channels(1));

        Assert.Equal("The model's input 'pixels' has shape [?,1,8,8], which is not [batch,3,H,W] (NCHW) with 3 colour channels.", error.Message);
    }

    [Fact]
    public void Load_NhwcModelConfiguredAsNchw_SuggestsTheLayoutKey()
    {
        var error = LoadFails(TestModels.ColourClassifier(size: 8L, nhwc: true));

        Assert.Equal(
            "The model's input 'pixels' has shape [?,8,8,3], which is not [batch,3,H,W] (NCHW) with 3 colour channels; it looks like NHWC, so set Inference:Model:Layout accordingly.",
            error.Message);
    }

    [Fact]
    public void Load_Rank3Input_SaysItNeedsRank4()
    {
        var error = LoadFails(TestModels.Rank3Input());

        Assert.Equal("The model's input 'pixels' has shape [?,3,8], but an image classifier needs a rank-4 float tensor [batch,3,H,W] (NCHW).", error.Message);
    }

    [Fact]
    public void Load_Int64Input_SaysItMustBeFloat()
    {
        var error = LoadFails(TestModels.Int64Input());

        Assert.Equal("The model's input 'pixels' is a tensor of int64, but an image classifier needs a float tensor [batch,3,H,W] (NCHW).", error.Message);
    }

    [Fact]
    public void Load_FixedSizeOtherThanConfigured_SaysBothSizes()
    {
        var error = LoadFails(TestModels.ColourClassifier(size: 8L), o => o.Model.Size = 224);

        Assert.Equal("The model's input 'pixels' takes 8×8 images (shape [?,3,8,8]), but Inference:Model:Size is 224.", error.Message);
    }

    [Fact]
    public void Load_OutputThatIsNotClassScores_SaysWhatAClassifierReturns()
    {
        var error = LoadFails(TestModels.ImageShapedOutput());

        Assert.Equal(
            "The model's output 'scores' is a tensor of float with shape [?,3,8], but a classifier's output must be a float tensor [batch,classes] (trailing dimensions of 1 allowed).",
            error.Message);
    }

    [Fact]
    public void Load_WrongInputName_NamesTheModelsInput()
    {
        var error = LoadFails(TestModels.ColourClassifier(size: 8L), o => o.Model.Input = "data_0");

        Assert.Equal("Inference:Model:Input is 'data_0', but the model's only input is 'pixels'.", error.Message);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(224)]
    public void Load_DynamicSize_TakesTheDeclaredSize(int declared)
    {
        var path = _files.Write("dynamic.onnx", TestModels.ColourClassifier());

        using var model = OnnxModel.Load(ModelFiles.Settings(path, o => o.Model.Size = declared));

        Assert.Equal(declared, model.Signature.Size);
    }

    [Fact]
    public void Load_ModelWithSeveralOutputs_AndNoneDeclared_AsksWhichHoldsTheScores()
    {
        var error = LoadFails(TestModels.TwoOutputs());

        Assert.Equal("The model has 2 outputs (scores, means); declare which holds the class scores with Inference:Model:Output.", error.Message);
    }
}
