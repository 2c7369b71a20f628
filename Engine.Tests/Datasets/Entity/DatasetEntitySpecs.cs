using ActorQueue.Datasets;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence.TestKit;

namespace ActorQueue.Tests.Datasets.Entity;

/// <summary>
/// One dataset entity in a TestKit actor system, on a real ledger (SQLite) and Akka.Persistence.TestKit's
/// journal, whose writes and recoveries a spec can make fail: batches, one event per batch, snapshots,
/// recovery, failures of the journal and of the processor's registration, hand-off and passivation.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DatasetEntitySpecs() : global::Akka.TestKit.Xunit2.TestKit(DatasetEntityHarness.Config(DatasetEntityHarness.TestPersistence)), IAsyncLifetime
{
    // Every wait is a few ledger and journal round trips on an idle machine; the budget is generous for a loaded one.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    private DatasetEntityHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new DatasetEntityHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private ITestJournal Journal => TestJournal.FromRef(global::Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    private IActorRef Start(string datasetId)
    {
        var entity = Sys.ActorOf(_harness.EntityProps(datasetId));
        Watch(entity);
        entity.Tell(new NudgeDataset(datasetId));
        return entity;
    }

    private Task AwaitProcessedAsync(string id, long rows) =>
        AwaitAssertAsync(async () => Assert.Equal(rows, (await _harness.GetAsync(id)).RowsProcessed), Budget, TimeSpan.FromMilliseconds(20));

    private async Task<JournalContents> ReadJournalAsync(string id)
    {
        var reader = CreateTestProbe();
        Sys.ActorOf(JournalReader.Props(id, reader));
        return await reader.ExpectMsgAsync<JournalContents>(Budget);
    }

    private async Task StopAsync(IActorRef entity)
    {
        entity.Tell(StopDatasetEntity.Instance);
        await ExpectTerminatedAsync(entity, Budget);
    }

    [Fact]
    public async Task An_entity_applies_every_row_once_in_order_and_persists_one_event_per_batch()
    {
        var rows = DatasetEntityHarness.Rows(25);
        var id = await _harness.CreateAsync(rows, seal: true);

        var entity = Start(id);
        await AwaitProcessedAsync(id, 25);
        await StopAsync(entity);

        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
        Assert.Equal(DatasetStatus.Completed, (await _harness.GetAsync(id)).Status);
        var journal = await ReadJournalAsync(id);
        // Batches of 10: three events, a snapshot after the second (SnapshotEveryBatches = 2).
        Assert.Equal(3, journal.LastSequenceNr);
        Assert.Equal(20, journal.Snapshot!.Checkpoint);
        Assert.Equal([(20L, 25L)], journal.Events.Select(e => (e.From, e.To)));
        Assert.Equal(25, journal.State.Checkpoint);
    }

    [Fact]
    public async Task A_new_incarnation_recovers_from_the_snapshot_and_events_and_goes_on_exactly()
    {
        var rows = DatasetEntityHarness.Rows(57, seed: 2);
        var id = await _harness.CreateAsync(rows[..33]);
        var first = Start(id);
        await AwaitProcessedAsync(id, 33);
        await StopAsync(first);

        await _harness.Datasets.AppendRowsAsync(id, 34, rows[33..], CancellationToken.None);
        await _harness.Datasets.SealDatasetAsync(id, CancellationToken.None);
        Start(id);
        await AwaitProcessedAsync(id, 57);

        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
        var state = (await _harness.GetAsync(id)).StateJson!;
        using var expected = System.Text.Json.JsonDocument.Parse(ReferenceState(rows));
        using var actual = System.Text.Json.JsonDocument.Parse(state);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(expected.RootElement, actual.RootElement), $"state {state}");
    }

    [Fact]
    public async Task A_journal_write_failure_stops_the_entity_and_the_next_one_writes_the_same_outputs_once()
    {
        // Open, not sealed: a dataset the failing incarnation had completed in the ledger would need nothing more.
        var rows = DatasetEntityHarness.Rows(30, seed: 3);
        var id = await _harness.CreateAsync(rows);
        await Journal.OnWrite.Fail();

        var failing = Start(id);
        await ExpectTerminatedAsync(failing, Budget);
        // The first batch's outputs reached the ledger (the next ones' may have: events are written behind them); no event did.
        Assert.True((await _harness.GetAsync(id)).RowsProcessed >= 10);
        Assert.Equal(0, (await ReadJournalAsync(id)).LastSequenceNr);

        await Journal.OnWrite.Pass();
        var next = Start(id);
        // The ledger may have every batch already; the journal gets them now, each applied again from the same state.
        await AwaitAssertAsync(async () => Assert.Equal(30, (await ReadJournalAsync(id)).State.Checkpoint), Budget, TimeSpan.FromMilliseconds(50));
        await StopAsync(next);

        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
        Assert.Equal(30, (await _harness.GetAsync(id)).RowsProcessed);
    }

    [Fact]
    public async Task A_journal_that_cannot_be_read_now_stops_the_entity_but_does_not_fail_the_dataset()
    {
        var rows = DatasetEntityHarness.Rows(20, seed: 4);
        var id = await _harness.CreateAsync(rows[..10]);
        var first = Start(id);
        await AwaitProcessedAsync(id, 10);
        await StopAsync(first);
        await Journal.OnRecovery.Fail();

        var failing = Start(id);
        await ExpectTerminatedAsync(failing, Budget);

        Assert.Equal(DatasetStatus.Open, (await _harness.GetAsync(id)).Status);
        await Journal.OnRecovery.Pass();
        await _harness.Datasets.AppendRowsAsync(id, 11, rows[10..], CancellationToken.None);
        Start(id);
        await AwaitProcessedAsync(id, 20);
        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
    }

    [Fact]
    public async Task A_hand_off_finishes_the_batch_being_written_then_stops()
    {
        var rows = DatasetEntityHarness.Rows(400, seed: 5);
        var id = await _harness.CreateAsync(rows);
        // Each event takes a while to write, so the hand-off arrives while a batch is in flight.
        await Journal.OnWrite.PassWithDelay(TimeSpan.FromMilliseconds(300));

        var entity = Start(id);
        await AwaitAssertAsync(async () => Assert.True((await _harness.GetAsync(id)).RowsProcessed >= 10), Budget, TimeSpan.FromMilliseconds(10));
        entity.Tell(StopDatasetEntity.Instance);
        await ExpectTerminatedAsync(entity, Budget);

        // Every batch whose outputs are in the ledger has its event: nothing was left half done.
        await Journal.OnWrite.Pass();
        var journal = await ReadJournalAsync(id);
        Assert.Equal((await _harness.GetAsync(id)).RowsProcessed, journal.State.Checkpoint);
        Assert.True(journal.State.Checkpoint < 400, "the entity went on after the hand-off");
        Start(id);
        await AwaitProcessedAsync(id, 400);
        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
    }

    [Fact]
    public async Task An_idle_entity_asks_its_shard_to_passivate_it_with_the_stop_message()
    {
        await using var harness = new DatasetEntityHarness(new DatasetOptions { BatchSize = 10, PassivateAfterSeconds = 0.2 });
        var id = await harness.CreateAsync(DatasetEntityHarness.Rows(5));

        var entity = await ChildActorOfAsync(harness.EntityProps(id), SupervisorStrategy.StoppingStrategy);
        entity.Tell(new NudgeDataset(id));

        var passivate = await ExpectMsgAsync<Passivate>(TimeSpan.FromSeconds(0.2 * 10) + Budget);
        Assert.Same(StopDatasetEntity.Instance, passivate.StopMessage);
        Assert.Equal(5, (await harness.GetAsync(id)).RowsProcessed);
    }

    [Fact]
    public async Task A_dataset_whose_processor_this_node_lacks_fails_with_a_sentence_naming_the_node()
    {
        await using var harness = new DatasetEntityHarness(withProcessor: false);
        var id = await harness.CreateAsync(DatasetEntityHarness.Rows(3));

        var entity = Sys.ActorOf(harness.EntityProps(id));
        Watch(entity);
        entity.Tell(new NudgeDataset(id));
        await ExpectTerminatedAsync(entity, Budget);

        var failed = await harness.GetAsync(id);
        Assert.Equal(DatasetStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Failure!.Seq);
        Assert.Contains("processor 'running-stats' is not registered on spec-node", failed.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_row_stops_the_dataset_under_fail_and_a_resume_with_skip_goes_on_from_it()
    {
        string[] rows = ["""{"p":"a","x":"1"}""", """{"p":"a","x":"2"}""", """{"p":"b","x":"bad"}""", """{"p":"a","x":"4"}"""];
        var id = await _harness.CreateAsync(rows, seal: true);

        var entity = Start(id);
        await AwaitAssertAsync(async () => Assert.Equal(DatasetStatus.Failed, (await _harness.GetAsync(id)).Status), Budget, TimeSpan.FromMilliseconds(20));
        Assert.Equal(new DatasetRowError(3, "column 'x' is 'bad', not a number"), (await _harness.GetAsync(id)).Failure);

        await _harness.Datasets.ResumeDatasetAsync(id, RowErrorPolicy.Skip, CancellationToken.None);
        entity.Tell(new NudgeDataset(id));
        await AwaitAssertAsync(async () => Assert.Equal(DatasetStatus.Completed, (await _harness.GetAsync(id)).Status), Budget, TimeSpan.FromMilliseconds(20));

        Assert.Equal(DatasetEntityHarness.Reference(rows, RowErrorPolicy.Skip), await _harness.ResultsAsync(id));
        var done = await _harness.GetAsync(id);
        Assert.Equal((1L, 3L), (done.ErrorCount, done.Errors.Single().Seq));
    }

    private static string ReferenceState(IReadOnlyList<string> rows)
    {
        using var applier = new global::ActorQueue.Datasets.Entity.RowApplier(new global::ActorQueue.Datasets.Processors.RunningStatsProcessor(), DatasetEntityHarness.Options, null, 0);
        return applier.Apply([.. rows.Select((row, i) => new StoredRow(i + 1, row))], RowErrorPolicy.Fail, 0).StateJson;
    }
}
