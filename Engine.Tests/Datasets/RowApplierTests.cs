using System.Text.Json;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Processors;
using ActorQueue.Datasets.Entity;
using ActorQueue.Storage;

namespace ActorQueue.Tests.Datasets;

/// <summary>The exactly-once core: applying rows is deterministic, so a batch applied again from the same state gives the same outputs.</summary>
[Trait("Category", "Unit")]
public sealed class RowApplierTests
{
    private const string Options = """{"keyColumn":"p","valueColumns":["x"]}""";

    private static List<StoredRow> Rows(params string[] rows) =>
        rows.Select((row, i) => new StoredRow(i + 1, row)).ToList();

    private static readonly List<StoredRow> Six = Rows(
        """{"p":"a","x":"1"}""", """{"p":"b","x":"2"}""", """{"p":"a","x":"3.5"}""",
        """{"p":"b","x":4}""", """{"p":"a","x":"-1"}""", """{"p":"c","x":"10"}""");

    [Fact]
    public void Applying_in_two_batches_with_a_restart_between_gives_what_one_uninterrupted_run_gives()
    {
        using var uninterrupted = new RowApplier(new RunningStatsProcessor(), Options, null, 0);
        var whole = uninterrupted.Apply(Six, RowErrorPolicy.Fail, 0);

        using var first = new RowApplier(new RunningStatsProcessor(), Options, null, 0);
        var part = first.Apply(Six[..3], RowErrorPolicy.Fail, 0);
        // A new owner recovers from the persisted state and checkpoint only.
        using var second = new RowApplier(new RunningStatsProcessor(), Options, part.StateJson, part.ToSeq);
        var rest = second.Apply(Six[3..], RowErrorPolicy.Fail, 0);

        Assert.Equal(whole.Results.Select(r => r.Json), part.Results.Concat(rest.Results).Select(r => r.Json));
        Assert.Equal(whole.StateJson, rest.StateJson);
        Assert.Equal((0L, 3L, 6L), (part.FromSeq, rest.FromSeq, rest.ToSeq));
    }

    [Fact]
    public void A_batch_applied_again_from_the_same_state_gives_the_same_outputs_and_state()
    {
        using var applier = new RowApplier(new RunningStatsProcessor(), Options, null, 0);
        var lost = applier.Apply(Six[..3], RowErrorPolicy.Fail, 0);

        // Its event was never persisted: the next incarnation starts from the state before it.
        using var again = new RowApplier(new RunningStatsProcessor(), Options, null, 0);
        var retried = again.Apply(Six[..3], RowErrorPolicy.Fail, 0);

        Assert.Equal(lost.Results, retried.Results);
        Assert.Equal(lost.StateJson, retried.StateJson);
        using var state = JsonDocument.Parse(retried.StateJson);
        Assert.Equal(2, state.RootElement.GetProperty("a").GetProperty("x").GetProperty("count").GetInt64());
    }

    [Fact]
    public void Policy_fail_stops_the_batch_before_the_rejected_row()
    {
        using var applier = new RowApplier(new RunningStatsProcessor(), Options, null, 0);

        var batch = applier.Apply(Rows("""{"p":"a","x":"1"}""", """{"p":"a","x":"one"}""", """{"p":"a","x":"3"}"""), RowErrorPolicy.Fail, 0);

        Assert.Equal(1, batch.ToSeq);
        Assert.Single(batch.Results);
        Assert.Equal(new DatasetRowError(2, "column 'x' is 'one', not a number"), batch.Failure);
    }

    [Fact]
    public void Policy_skip_records_the_rejected_row_and_applies_the_rest()
    {
        using var applier = new RowApplier(new RunningStatsProcessor(), Options, null, 0);

        var batch = applier.Apply(Rows("""{"p":"a","x":"1"}""", """{"x":"2"}""", """{"p":"a","x":"3"}"""), RowErrorPolicy.Skip, 0);

        Assert.Equal(3, batch.ToSeq);
        Assert.Equal([1L, 3L], batch.Results.Select(r => r.Seq));
        Assert.Equal(new DatasetRowError(2, "column 'p' is missing or empty"), Assert.Single(batch.Skipped));
        Assert.Contains("\"sum\":4", batch.StateJson, StringComparison.Ordinal);
    }

    [Fact]
    public void A_processor_that_throws_after_changing_its_state_is_rebuilt_from_the_rows_before()
    {
        using var applier = new RowApplier(new CountingThenThrowing(), "{}", null, 0);

        var batch = applier.Apply(Rows("""{"n":1}""", """{"n":2,"boom":true}""", """{"n":3}"""), RowErrorPolicy.Skip, 0);

        // The count saw rows 1 and 3 only, although the processor counted row 2 before it threw.
        Assert.Equal("2", batch.StateJson);
        Assert.Contains("the processor threw InvalidOperationException: boom", Assert.Single(batch.Skipped).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_in_the_rows_read_is_never_applied_over()
    {
        using var applier = new RowApplier(new RunningStatsProcessor(), Options, null, 0);

        Assert.Throws<InvalidDataException>(() => applier.Apply([new StoredRow(2, """{"p":"a","x":"1"}""")], RowErrorPolicy.Fail, 0));
    }

    /// <summary>A careless processor: it changes its state before it decides to throw.</summary>
    private sealed class CountingThenThrowing : IRowProcessor
    {
        public string Name => "careless";

        public IRowProcessorState CreateState(JsonElement options) => new State();

        private sealed class State : IRowProcessorState
        {
            private long _count;

            public void Restore(JsonElement snapshot) => _count = snapshot.GetInt64();

            public void Apply(DatasetRow row, Utf8JsonWriter output)
            {
                _count++;
                if (row.Fields.TryGetProperty("boom", out _))
                {
                    throw new InvalidOperationException("boom");
                }
                output.WriteNumberValue(_count);
            }

            public void WriteSnapshot(Utf8JsonWriter writer) => writer.WriteNumberValue(_count);
        }
    }
}
