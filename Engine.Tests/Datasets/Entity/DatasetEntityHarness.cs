using ActorQueue.Datasets;
using ActorQueue.Datasets.Entity;
using ActorQueue.Datasets.Persistence;
using ActorQueue.Datasets.Processors;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Tests.Datasets.Entity;

/// <summary>
/// A ledger (a real SQLite store in a temp directory) and what dataset entities need, for specs that run
/// entities directly in a TestKit actor system (no sharding), with the journal the spec's configuration names.
/// </summary>
internal sealed class DatasetEntityHarness : IAsyncDisposable
{
    public const string Options = """{"keyColumn":"p","valueColumns":["x"]}""";

    private readonly TempDirectory _directory = new();

    public DatasetEntityHarness(DatasetOptions? options = null, bool withProcessor = true)
    {
        Ledger = SqliteStore.Open(_directory.File("ledger.db"), new JobOptions(), TimeProvider.System);
        DatasetOptions = options ?? new DatasetOptions { BatchSize = 10, SnapshotEveryBatches = 2, PassivateAfterSeconds = 60 };
        IRowProcessor[] processors = withProcessor ? [new RunningStatsProcessor()] : [];
        Services = new DatasetEntityServices(Ledger, new RowProcessorRegistry(processors), DatasetOptions,
            new NodeIdentity("spec-node", NodeRole.Worker, DateTimeOffset.UnixEpoch), NullLoggerFactory.Instance);
    }

    public SqliteStore Ledger { get; }

    public IDatasetStore Datasets => Ledger;

    public DatasetOptions DatasetOptions { get; }

    public DatasetEntityServices Services { get; }

    /// <summary>The SQLite journal file beside the ledger, for specs on the real plugin.</summary>
    public DatasetJournalLocation Journal => Ledger.Journal;

    /// <summary>The HOCON that binds our serializer and, optionally, names the journal and snapshot store.</summary>
    public static string Config(string persistence) => $$"""
        akka.loglevel = WARNING
        akka.actor {
          serializers.actorqueue-datasets = "{{typeof(DatasetJournalSerializer).AssemblyQualifiedName}}"
          serialization-bindings { "{{typeof(IDatasetPersisted).AssemblyQualifiedName}}" = actorqueue-datasets }
        }
        {{persistence}}
        """;

    /// <summary>The Akka.Persistence.TestKit journal and snapshot store (failure injection).</summary>
    public const string TestPersistence = """
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.test"
            test {
              class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.test"
            test {
              class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
        }
        """;

    /// <summary>Rows of players (<c>p</c>) and values (<c>x</c>); a value "bad" is rejected by running-stats.</summary>
    public static string[] Rows(int count, int seed = 1)
    {
        var random = new Random(seed);
        string[] players = ["a", "b", "c", "d"];
        return [.. Enumerable.Range(0, count).Select(_ => $$"""{"p":"{{players[random.Next(players.Length)]}}","x":"{{random.Next(0, 100)}}"}""")];
    }

    public async Task<string> CreateAsync(IReadOnlyList<string> rows, RowErrorPolicy onError = RowErrorPolicy.Fail, bool seal = false)
    {
        var dataset = await Datasets.CreateDatasetAsync(new NewDataset("spec", RunningStatsProcessor.ProcessorName, Options, onError), CancellationToken.None);
        if (rows.Count > 0)
        {
            await Datasets.AppendRowsAsync(dataset.Id, null, rows, CancellationToken.None);
        }
        if (seal)
        {
            await Datasets.SealDatasetAsync(dataset.Id, CancellationToken.None);
        }
        return dataset.Id;
    }

    /// <summary>What one uninterrupted run gives: every row's output, computed apart from any entity.</summary>
    public static IReadOnlyList<StoredRow> Reference(IReadOnlyList<string> rows, RowErrorPolicy policy = RowErrorPolicy.Fail)
    {
        using var applier = new RowApplier(new RunningStatsProcessor(), Options, null, 0);
        return applier.Apply([.. rows.Select((row, i) => new StoredRow(i + 1, row))], policy, 0).Results;
    }

    public Props EntityProps(string datasetId) => DatasetEntity.Props(datasetId, Services);

    public async Task<IReadOnlyList<StoredRow>> ResultsAsync(string id) => await Datasets.ReadResultsAsync(id, 0, 100_000, CancellationToken.None);

    public async Task<DatasetInfo> GetAsync(string id) => (await Datasets.GetDatasetAsync(id, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>Replays a dataset entity's journal (snapshot, then events) and reports what it found, then stops.</summary>
internal sealed class JournalReader : ReceivePersistentActor
{
    private readonly List<BatchApplied> _events = [];
    private DatasetSnapshot? _snapshot;

    public JournalReader(string datasetId, IActorRef report)
    {
        PersistenceId = DatasetEntity.PersistenceIdOf(datasetId);
        Recover<SnapshotOffer>(offer => _snapshot = (DatasetSnapshot)offer.Snapshot);
        Recover<BatchApplied>(_events.Add);
        Recover<RecoveryCompleted>(_ =>
        {
            report.Tell(new JournalContents(_snapshot, [.. _events], LastSequenceNr));
            Context.Stop(Self);
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string datasetId, IActorRef report) => global::Akka.Actor.Props.Create(() => new JournalReader(datasetId, report));
}

/// <summary>A journal as <see cref="JournalReader"/> found it: the snapshot it recovered from and the events after it.</summary>
internal sealed record JournalContents(DatasetSnapshot? Snapshot, IReadOnlyList<BatchApplied> Events, long LastSequenceNr)
{
    public DatasetState State => Events.Aggregate(Snapshot is null ? DatasetState.Empty : DatasetState.From(Snapshot), (state, e) => state.Apply(e));
}
