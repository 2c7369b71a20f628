using ActorQueue.Inference.Model;
using ActorQueue.Tests.Inference.OnnxModels;

namespace ActorQueue.Tests.Inference;

[Trait("Category", "Integration")]
public sealed class OnnxModelTests : IDisposable
{
    private const int Size = 8;
    private readonly ModelFiles _files = new();

    public void Dispose() => _files.Dispose();

    private OnnxModel LoadColourClassifier(bool nhwc = false, object? batch = null)
    {
        var path = _files.Write("colour.onnx", TestModels.ColourClassifier(batch: batch, size: (long)Size, nhwc: nhwc));
        return OnnxModel.Load(ModelFiles.Settings(path, o => o.Model.Layout = nhwc ? "NHWC" : "NCHW"));
    }

    [Theory]
    [InlineData(1f, 0f, 0f, 0)]
    [InlineData(0f, 1f, 0f, 1)]
    [InlineData(0f, 0f, 1f, 2)]
    [InlineData(0f, 0f, 0f, 3)]
    public void ColourClassifier_SolidColour_ScoresItsClassHighest(float r, float g, float b, int expectedClass)
    {
        using var model = LoadColourClassifier();

        var scores = model.Run(Tensors.Solid((r, g, b), Size), 1, CancellationToken.None);

        Assert.Equal(4, scores.Length);
        Assert.Equal(expectedClass, Array.IndexOf(scores, scores.Max()));
        Assert.True(scores[expectedClass] > 0.97f, $"score {scores[expectedClass]} for class {expectedClass}");
        Assert.Equal(1f, scores.Sum(), 4);
    }

    [Fact]
    public void Load_ReadsTheSignature_FixedSizeAndDynamicBatch()
    {
        using var model = LoadColourClassifier();

        Assert.Equal(new ModelSignature("pixels", "scores", ActorQueue.Inference.TensorLayout.Nchw, Size, null, 4), model.Signature);
        Assert.Equal(3 * Size * Size, model.Signature.ItemLength);
    }

    [Fact]
    public void Run_BatchOfFour_EqualsFourSingleRuns()
    {
        using var model = LoadColourClassifier();
        var items = Enumerable.Range(0, 4).Select(i => Tensors.Noisy(i, Size)).ToArray();

        var batched = model.Run(Tensors.Concat(items), items.Length, CancellationToken.None);
        var singles = items.SelectMany(item => model.Run(item, 1, CancellationToken.None)).ToArray();

        Assert.Equal(singles, batched);
    }

    [Fact]
    public void Run_NhwcModel_ClassifiesTheSameColours()
    {
        using var model = LoadColourClassifier(nhwc: true);

        var scores = model.Run(Tensors.Concat(Tensors.Solid(Tensors.Blue, Size, nhwc: true), Tensors.Solid(Tensors.Red, Size, nhwc: true)), 2, CancellationToken.None);

        Assert.Equal(2, Array.IndexOf(scores[..4], scores[..4].Max()));
        Assert.Equal(0, Array.IndexOf(scores[4..], scores[4..].Max()));
    }

    [Fact]
    public void Run_FixedBatchOfOneModel_RunsOneImage()
    {
        using var model = LoadColourClassifier(batch: 1L);

        var scores = model.Run(Tensors.Solid(Tensors.Green, Size), 1, CancellationToken.None);

        Assert.Equal(1, model.Signature.FixedBatch);
        Assert.Equal(1, Array.IndexOf(scores, scores.Max()));
    }

    [Fact]
    public void Run_Rank4Output_GivesOneScorePerClass()
    {
        var path = _files.Write("rank4.onnx", TestModels.ColourClassifier(size: (long)Size, rank4Output: true));
        using var model = OnnxModel.Load(ModelFiles.Settings(path));

        var scores = model.Run(Tensors.Solid(Tensors.Red, Size), 1, CancellationToken.None);

        Assert.Equal(4, model.Signature.Classes);
        Assert.Equal(4, scores.Length);
        Assert.True(scores[0] > 0.97f);
    }

    [Fact]
    public void Run_WrongTensorLength_FailsWithoutRunning()
    {
        using var model = LoadColourClassifier();

        var error = Assert.Throws<ArgumentException>(() => model.Run(new float[10], 1, CancellationToken.None));

        Assert.Contains($"needs {3 * Size * Size} floats", error.Message, StringComparison.Ordinal);
    }
}
