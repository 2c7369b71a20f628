using ActorQueue.Datasets;
using ActorQueue.Datasets.Persistence;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Storage;
using ActorQueue.Tests.Datasets.Entity;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Tests.Datasets.Persistence;

/// <summary>
/// Dataset entities on the real journal of the embedded mode: Akka.Persistence.Sql on the SQLite file beside the
/// ledger. Records an earlier build stored are recovered; records that cannot be read fail their dataset only;
/// two incarnations of one entity cannot both persist a step.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatasetJournalSqliteSpecs : global::Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private readonly DatasetEntityHarness _harness;

    public DatasetJournalSqliteSpecs() : this(new DatasetEntityHarness())
    {
    }

    private DatasetJournalSqliteSpecs(DatasetEntityHarness harness)
        : base(ConfigurationFactory.ParseString(DatasetEntityHarness.Config("")).WithFallback(DatasetJournalOptions.Hocon(harness.Journal)), "journal-sqlite") =>
        _harness = harness;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Shutdown();
        await _harness.DisposeAsync();
    }

    private IActorRef Start(string datasetId, string? name = null)
    {
        var entity = name is null ? Sys.ActorOf(_harness.EntityProps(datasetId)) : Sys.ActorOf(_harness.EntityProps(datasetId), name);
        Watch(entity);
        entity.Tell(new NudgeDataset(datasetId));
        return entity;
    }

    private Task AwaitStatusAsync(string id, DatasetStatus status) =>
        AwaitAssertAsync(async () => Assert.Equal(status, (await _harness.GetAsync(id)).Status), Budget, TimeSpan.FromMilliseconds(20));

    private async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(_harness.Journal.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs one open dataset of <paramref name="rows"/> rows until every row is processed, so that its journal has
    /// events, stops its entity, and gives it more rows (so that the next entity reads its journal again).
    /// </summary>
    private async Task<string> ProcessedAsync(int rows)
    {
        var id = await _harness.CreateAsync(DatasetEntityHarness.Rows(rows));
        var entity = Start(id);
        await AwaitAssertAsync(async () => Assert.Equal(rows, (await _harness.GetAsync(id)).RowsProcessed), Budget, TimeSpan.FromMilliseconds(20));
        entity.Tell(StopDatasetEntity.Instance);
        await ExpectTerminatedAsync(entity, Budget);
        await _harness.Datasets.AppendRowsAsync(id, null, DatasetEntityHarness.Rows(5, seed: 9), CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task An_entity_recovers_from_records_an_earlier_build_stored_and_goes_on_exactly()
    {
        // The ledger as the earlier build left it: rows 1..10, outputs of rows 1..7 (row 4 skipped).
        var id = await _harness.CreateAsync(JournalFixtures.Rows, RowErrorPolicy.Skip, seal: true);
        var reference = DatasetEntityHarness.Reference(JournalFixtures.Rows, RowErrorPolicy.Skip);
        await _harness.Datasets.RecordBatchAsync(id, new DatasetBatch
        {
            FromSeq = 0,
            ToSeq = 7,
            Results = [.. reference.Where(r => r.Seq <= 7)],
            Skipped = [new DatasetRowError(4, "column 'x' is 'bad', not a number")],
            StateJson = "{}",
            ErrorCount = 1,
        }, CancellationToken.None);
        // Its journal, written as stored bytes: the plugin's tables exist once the journal has started.
        await ProcessedAsync(1);
        var persistenceId = "dataset-" + id;
        foreach (var (sequenceNr, bytes) in JournalFixtures.Events)
        {
            await ExecuteAsync($"""
                INSERT INTO {DatasetJournalOptions.JournalTable} (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid)
                VALUES (0, @id, @seq, 0, @message, {DatasetJournalSerializer.Id}, '{DatasetJournalManifests.Batch}', 'earlier-build')
                """, ("@id", persistenceId), ("@seq", sequenceNr), ("@message", bytes));
        }
        await ExecuteAsync($"""
            INSERT INTO {DatasetJournalOptions.SnapshotTable} (persistence_id, sequence_number, created, snapshot, manifest, serializer_id)
            VALUES (@id, @seq, 0, @snapshot, '{DatasetJournalManifests.Snapshot}', {DatasetJournalSerializer.Id})
            """, ("@id", persistenceId), ("@seq", JournalFixtures.Snapshot.SequenceNr), ("@snapshot", JournalFixtures.Snapshot.Bytes));

        Start(id);
        await AwaitStatusAsync(id, DatasetStatus.Completed);

        Assert.Equal(reference, await _harness.ResultsAsync(id));
        var done = await _harness.GetAsync(id);
        Assert.Equal((10L, 1L), (done.RowsProcessed, done.ErrorCount));
    }

    [Fact]
    public async Task A_record_of_a_kind_this_build_cannot_read_fails_that_dataset_with_the_reason_and_nothing_else()
    {
        var broken = await ProcessedAsync(25);
        var healthy = await _harness.CreateAsync(DatasetEntityHarness.Rows(15), seal: true);
        Assert.Equal(1, await ExecuteAsync($"UPDATE {DatasetJournalOptions.JournalTable} SET manifest = 'dataset-batch/99' WHERE persistence_id = @id AND sequence_number = 3",
            ("@id", "dataset-" + broken)));

        var entity = Start(broken);
        await ExpectTerminatedAsync(entity, Budget);
        await AwaitStatusAsync(broken, DatasetStatus.Failed);

        var failure = (await _harness.GetAsync(broken)).Failure!;
        Assert.Contains("the journal of this dataset cannot be read", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'dataset-batch/99'", failure.Message, StringComparison.Ordinal);
        // The node goes on: other datasets are processed by the same actor system.
        Start(healthy);
        await AwaitStatusAsync(healthy, DatasetStatus.Completed);
    }

    [Fact]
    public async Task Damaged_bytes_in_the_journal_fail_that_dataset_with_the_reason()
    {
        var broken = await ProcessedAsync(25);
        Assert.Equal(1, await ExecuteAsync($"UPDATE {DatasetJournalOptions.JournalTable} SET message = @bytes WHERE persistence_id = @id AND sequence_number = 3",
            ("@bytes", """{"from":20,"""u8.ToArray()), ("@id", "dataset-" + broken)));

        Start(broken);
        await AwaitStatusAsync(broken, DatasetStatus.Failed);

        Assert.Contains("'dataset-batch/1' record in the journal is damaged", (await _harness.GetAsync(broken)).Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_incarnations_of_one_entity_cannot_both_persist_a_step_and_the_outputs_stay_exact()
    {
        var rows = DatasetEntityHarness.Rows(200, seed: 12);
        var id = await _harness.CreateAsync(rows, seal: true);

        // As when a frozen owner wakes up after another node took over: two writers of one persistence id.
        var first = Start(id, "first");
        var second = Start(id, "second");
        var refused = await ExpectMsgAsync<Terminated>(Budget);
        Assert.Contains(refused.ActorRef, new[] { first, second });

        // What is left (the other writer, or fresh incarnations as the sweep would start them) finishes the dataset.
        for (var n = 0; (await _harness.GetAsync(id)).Status != DatasetStatus.Completed; n++)
        {
            Assert.True(n < 5, "the dataset did not complete after five more incarnations");
            var probe = CreateTestProbe();
            var next = Sys.ActorOf(_harness.EntityProps(id), $"next-{n}");
            probe.Watch(next);
            next.Tell(new NudgeDataset(id));
            await AwaitAssertAsync(async () => Assert.True((await _harness.GetAsync(id)).Status == DatasetStatus.Completed || probe.HasMessages),
                Budget, TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(DatasetEntityHarness.Reference(rows), await _harness.ResultsAsync(id));
        // Each step of the journal was persisted once, and the steps follow each other (the last event may still be on its way).
        await AwaitAssertAsync(async () =>
        {
            var reader = CreateTestProbe();
            Sys.ActorOf(JournalReader.Props(id, reader));
            Assert.Equal(200, (await reader.ExpectMsgAsync<JournalContents>(Budget)).State.Checkpoint);
        }, Budget, TimeSpan.FromMilliseconds(50));
    }
}
