using ActorQueue.Inference;
using ActorQueue.Inference.Classification;

namespace ActorQueue.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class LabelsAndTopKTests
{
    [Fact]
    public void Labels_OnePerLine_IndexIsTheLineNumber()
    {
        var labels = LabelSet.Parse("tench, Tinca tinca\ngoldfish\r\ngreat white shark\n\n", "labels.txt");

        Assert.Equal(3, labels.Count);
        Assert.Equal("tench, Tinca tinca", labels[0]);
        Assert.Equal("goldfish", labels[1]);
        Assert.Equal("great white shark", labels[2]);
        Assert.Null(labels[3]);
    }

    [Fact]
    public void Labels_IndexCommaLabel_SplitsAtTheFirstCommaAndTrimsAStrayQuote()
    {
        // The Windows ML ImageNet labels file has this form, and its last line ends in a stray quote.
        var labels = LabelSet.Parse("0,tench, Tinca tinca\n1,goldfish, Carassius auratus\n999,toilet tissue, toilet paper, bathroom tissue\"\n", "labels.txt");

        Assert.Equal(1000, labels.Count);
        Assert.Equal("tench, Tinca tinca", labels[0]);
        Assert.Equal("goldfish, Carassius auratus", labels[1]);
        Assert.Null(labels[2]);
        Assert.Equal("toilet tissue, toilet paper, bathroom tissue", labels[999]);
    }

    [Fact]
    public void Labels_ImageNetClassIndexJson_TakesTheShortName()
    {
        var labels = LabelSet.Parse("""{"0": ["n01440764", "tench"], "2": ["n01484850", "great_white_shark"], "1": "goldfish"}""", "index.json");

        Assert.Equal(3, labels.Count);
        Assert.Equal(["tench", "goldfish", "great_white_shark"], Enumerable.Range(0, 3).Select(i => labels[i]));
    }

    [Theory]
    [InlineData("", "The labels file x has no labels.")]
    [InlineData("""{"zero": "tench"}""", "The labels file x has the key 'zero', which is not a class index.")]
    public void Labels_Unusable_SaysWhy(string text, string message)
    {
        var error = Assert.Throws<InferenceConfigurationException>(() => LabelSet.Parse(text, "x"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TopK_OrdersByScore_TiesByIndex_AndAddsLabels()
    {
        var labels = LabelSet.Parse("a\nb\nc\nd\n", "l");

        var top = TopK.Select([0.1f, 0.4f, 0.1f, 0.4f], 3, labels, SoftmaxMode.Never);

        Assert.Equal([new Prediction(1, "b", 0.4f), new Prediction(3, "d", 0.4f), new Prediction(0, "a", 0.1f)], top);
    }

    [Fact]
    public void TopK_MoreThanTheClasses_ReturnsEveryClass()
    {
        var top = TopK.Select([0.2f, 0.8f], 5, labels: null, SoftmaxMode.Auto);

        Assert.Equal([new Prediction(1, null, 0.8f), new Prediction(0, null, 0.2f)], top);
    }

    [Fact]
    public void TopK_Auto_AppliesSoftmaxToLogitsOnly()
    {
        var fromLogits = TopK.Select([2f, 1f, 0f], 3, null, SoftmaxMode.Auto);
        var fromProbabilities = TopK.Select([0.7f, 0.2f, 0.1f], 3, null, SoftmaxMode.Auto);

        Assert.Equal(0.6652f, fromLogits[0].Score, 4);
        Assert.Equal(1f, fromLogits.Sum(p => p.Score), 5);
        Assert.Equal([0.7f, 0.2f, 0.1f], fromProbabilities.Select(p => p.Score));
    }

    [Fact]
    public void TopK_Always_NormalisesEvenProbabilities()
    {
        var top = TopK.Select([1f, 0f], 1, null, SoftmaxMode.Always);

        Assert.Equal(0.7311f, top[0].Score, 4);
    }
}
