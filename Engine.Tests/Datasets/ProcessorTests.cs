using System.Text;
using System.Text.Json;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Processors;

namespace ActorQueue.Tests.Datasets;

[Trait("Category", "Unit")]
public sealed class ProcessorTests
{
    private static string Apply(IRowProcessorState state, long seq, string row)
    {
        using var fields = JsonDocument.Parse(row);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            state.Apply(new DatasetRow(seq, fields.RootElement), writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IRowProcessorState Create(IRowProcessor processor, string options)
    {
        using var document = JsonDocument.Parse(options);
        return processor.CreateState(document.RootElement.Clone());
    }

    [Fact]
    public void Running_stats_outputs_the_keys_statistics_after_each_row()
    {
        var state = Create(new RunningStatsProcessor(), """{"keyColumn":"player","valueColumns":["points"]}""");

        Apply(state, 1, """{"player":"ann","points":"10"}""");
        var output = Apply(state, 2, """{"player":"ann","points":4}""");

        Assert.Equal("""{"seq":2,"key":"ann","stats":{"points":{"count":2,"sum":14,"mean":7,"min":4,"max":10}}}""", output);
    }

    [Fact]
    public void A_rejected_row_leaves_the_running_stats_untouched()
    {
        var state = Create(new RunningStatsProcessor(), """{"keyColumn":"k","valueColumns":["a","b"]}""");
        Apply(state, 1, """{"k":"x","a":1,"b":2}""");

        var rejected = Assert.Throws<RowRejectedException>(() => Apply(state, 2, """{"k":"x","a":5,"b":"?"}"""));
        var after = Apply(state, 3, """{"k":"x","a":1,"b":1}""");

        Assert.Equal("column 'b' is '?', not a number", rejected.Message);
        Assert.Contains("\"a\":{\"count\":2,\"sum\":2", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "needs options")]
    [InlineData("""{"valueColumns":["a"]}""", "keyColumn is required")]
    [InlineData("""{"keyColumn":"k","valueColumns":[]}""", "non-empty array")]
    [InlineData("""{"keyColumn":"k","valueColumns":["a","a"]}""", "listed twice")]
    [InlineData("""{"keyColumn":"k","valueColumns":["k"]}""", "cannot also be a value column")]
    [InlineData("""{"keyColumn":3,"valueColumns":["a"]}""", "keyColumn must be a non-empty string")]
    public void Unusable_options_are_refused_with_a_sentence(string options, string expected)
    {
        var error = Assert.Throws<DatasetOptionsException>(() => Create(new DeltaProcessor(), options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delta_snapshots_restore_to_the_same_state()
    {
        var processor = new DeltaProcessor();
        var first = Create(processor, """{"keyColumn":"m","valueColumns":["v"]}""");
        Apply(first, 1, """{"m":"a","v":10}""");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            first.WriteSnapshot(writer);
        }

        var second = Create(processor, """{"keyColumn":"m","valueColumns":["v"]}""");
        using (var snapshot = JsonDocument.Parse(buffer.ToArray()))
        {
            second.Restore(snapshot.RootElement);
        }

        Assert.Equal(Apply(first, 2, """{"m":"a","v":12.5}"""), Apply(second, 2, """{"m":"a","v":12.5}"""));
    }
}
