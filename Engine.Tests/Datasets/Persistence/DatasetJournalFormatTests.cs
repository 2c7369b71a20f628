using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using ActorQueue.Datasets;
using ActorQueue.Datasets.Entity;
using ActorQueue.Datasets.Persistence;
using ActorQueue.Datasets.Processors;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Configuration;

namespace ActorQueue.Tests.Datasets.Persistence;

/// <summary>
/// What dataset entities persist is JSON under stable manifests through our serializer, never a CLR type name:
/// records an earlier build wrote (committed as fixtures) still read back to the same state, and what cannot be
/// read says so in a sentence that names it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DatasetJournalFormatTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("journal-format", ConfigurationFactory.ParseString(
        global::ActorQueue.Tests.Datasets.Entity.DatasetEntityHarness.Config("")));

    public void Dispose() => _system.Dispose();

    private DatasetJournalSerializer Serializer => (DatasetJournalSerializer)_system.Serialization.FindSerializerForType(typeof(BatchApplied));

    private BatchApplied Event(byte[] bytes) => Assert.IsType<BatchApplied>(Serializer.FromBinary(bytes, DatasetJournalManifests.Batch));

    [Fact]
    public void Records_an_earlier_build_wrote_recover_the_state_that_goes_on_exactly()
    {
        var snapshot = Assert.IsType<DatasetSnapshot>(Serializer.FromBinary(JournalFixtures.Snapshot.Bytes, DatasetJournalManifests.Snapshot));
        var events = JournalFixtures.Events.Select(e => Event(e.Bytes)).ToList();

        // Recovery: the snapshot at sequence number 2, then the events after it.
        var recovered = events.Skip(2).Aggregate(DatasetState.From(snapshot), (state, e) => state.Apply(e));
        // Replaying every event from the start comes to the same.
        var replayed = events.Aggregate(DatasetState.Empty, (state, e) => state.Apply(e));

        Assert.Equal((7L, 1L, null), (recovered.Checkpoint, recovered.ErrorCount, recovered.Failure));
        Assert.Equal(recovered.StateJson(), replayed.StateJson());
        // The recovered state applies rows 8..10 exactly as one uninterrupted run does.
        var rows = JournalFixtures.Rows.Select((row, i) => new StoredRow(i + 1, row)).ToList();
        using var resumed = new RowApplier(new RunningStatsProcessor(), JournalFixtures.Options, recovered.StateJson(), recovered.Checkpoint);
        using var uninterrupted = new RowApplier(new RunningStatsProcessor(), JournalFixtures.Options, null, 0);
        var whole = uninterrupted.Apply(rows, RowErrorPolicy.Skip, 0);
        var rest = resumed.Apply(rows[7..], RowErrorPolicy.Skip, recovered.ErrorCount);
        Assert.Equal(whole.Results.Skip(6), rest.Results);
        Assert.Equal(whole.StateJson, rest.StateJson);
        Assert.Equal(1, rest.ErrorCount);
    }

    [Theory]
    [InlineData("1.dataset-batch.json", DatasetJournalManifests.Batch)]
    [InlineData("2.dataset-batch.json", DatasetJournalManifests.Batch)]
    [InlineData("4.dataset-batch.json", DatasetJournalManifests.Batch)]
    [InlineData("failure.dataset-batch.json", DatasetJournalManifests.Batch)]
    [InlineData("2.dataset-snapshot.json", DatasetJournalManifests.Snapshot)]
    public void Todays_build_writes_a_record_as_the_earlier_build_did(string file, string manifest)
    {
        var stored = JournalFixtures.Bytes(file);

        var record = Serializer.FromBinary(stored, manifest);
        var written = Serializer.ToBinary(record);

        // A renamed or dropped property shows here: the JSON must stay what journals in the field hold.
        Assert.Equal(manifest, Serializer.Manifest(record));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(written)),
            $"{file} is written differently now:\n{System.Text.Encoding.UTF8.GetString(written)}");
        Assert.DoesNotContain("ActorQueue", System.Text.Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void The_failure_a_batch_stopped_at_is_kept()
    {
        var e = Event(JournalFixtures.Bytes("failure.dataset-batch.json"));

        Assert.Equal(new PersistedRowError(8, "column 'x' is 'bad', not a number"), e.Failure);
        Assert.Equal(e.Failure, (DatasetState.Empty with { Checkpoint = 7 }).Apply(e).Failure);
    }

    [Fact]
    public void Every_persisted_type_goes_through_our_serializer_under_its_manifest()
    {
        Assert.All(DatasetJournalManifests.Entries, entry =>
            Assert.IsType<DatasetJournalSerializer>(_system.Serialization.FindSerializerForType(entry.Type)));
        Assert.Equal(7402, Serializer.Identifier);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_a_sentence_naming_it()
    {
        var refused = Assert.Throws<DatasetJournalException>(() => Serializer.FromBinary(JournalFixtures.Bytes("1.dataset-batch.json"), "dataset-batch/99"));

        Assert.Contains("'dataset-batch/99'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read", refused.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<SerializationException>(refused);
    }

    [Fact]
    public void Damaged_bytes_are_refused_with_a_sentence_naming_the_manifest()
    {
        var refused = Assert.Throws<DatasetJournalException>(() => Serializer.FromBinary("""{"from":0,"""u8.ToArray(), DatasetJournalManifests.Batch));

        Assert.Contains("'dataset-batch/1' record in the journal is damaged", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_that_do_not_follow_each_other_are_refused()
    {
        var events = JournalFixtures.Events.Select(e => Event(e.Bytes)).ToList();

        var refused = Assert.Throws<DatasetJournalException>(() => DatasetState.Empty.Apply(events[0]).Apply(events[2]));

        Assert.Contains("rows 5–6 does not follow the checkpoint 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_event_holds_only_the_members_that_changed_and_those_that_went()
    {
        var before = DatasetState.Empty.Apply(Event(JournalFixtures.Bytes("1.dataset-batch.json")));
        var batch = new DatasetBatch
        {
            FromSeq = 2,
            ToSeq = 3,
            Results = [],
            StateJson = """{"a":{"x":{"count":1,"sum":1,"mean":1,"min":1,"max":1}},"c":{"x":{"count":1}}}""",
        };

        var change = before.Change(batch);

        Assert.Equal(["c"], change.Set!.Keys);
        Assert.Equal(["b"], change.Removed);
        Assert.Equal(batch.StateJson, before.Apply(change).StateJson());
        Assert.Null(change.Whole);
    }

    [Fact]
    public void A_state_that_is_not_an_object_is_kept_whole_even_json_null()
    {
        var batch = new DatasetBatch { FromSeq = 0, ToSeq = 1, Results = [], StateJson = "null" };

        var change = DatasetState.Empty.Change(batch);
        var back = Event(Serializer.ToBinary(change));

        Assert.Equal("null", back.Whole);
        Assert.Equal("null", DatasetState.Empty.Apply(back).StateJson());
        Assert.Equal("42.5", DatasetState.Empty.Apply(back).Apply(DatasetState.Empty.Apply(back).Change(batch with { FromSeq = 1, ToSeq = 2, StateJson = "42.5" })).StateJson());
    }
}
