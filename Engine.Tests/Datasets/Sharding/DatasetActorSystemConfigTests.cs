using ActorQueue.Datasets.Persistence;
using ActorQueue.Tests.Fixtures;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Datasets.Sharding;

/// <summary>
/// The dataset entities' journal, snapshot store and serializer, and the sharding and removal timings, as they
/// are in a running embedded seed (the HOCON Akka.Hosting has no option for is written in one place; this reads it back).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatasetActorSystemConfigTests
{
    [Fact]
    public async Task An_embedded_seed_journals_datasets_in_a_second_sqlite_file_through_our_serializer()
    {
        using var directory = new TempDirectory();
        await using var seed = await SeedServer.StartAsync(databasePath: directory.File("ledger.db"));
        var system = (ExtendedActorSystem)seed.Services.GetRequiredService<ActorSystem>();
        var config = system.Settings.Config;

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Contains(directory.File("ledger.journal.db"), config.GetString("akka.persistence.journal.sql.connection-string"), StringComparison.Ordinal);
        Assert.Equal(DatasetJournalOptions.JournalTable, config.GetString("akka.persistence.journal.sql.default.journal.table-name"));
        Assert.Equal(DatasetJournalOptions.SnapshotTable, config.GetString("akka.persistence.snapshot-store.sql.default.snapshot.table-name"));
        // SQLite has one writer per file: the journal writes one batch at a time.
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.IsType<DatasetJournalSerializer>(system.Serialization.FindSerializerForType(typeof(BatchApplied)));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("akka.cluster.sharding.rebalance-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.down-removal-margin"));
    }
}
