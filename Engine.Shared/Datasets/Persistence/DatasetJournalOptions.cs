using ActorQueue.Storage;
using Akka.Configuration;
using Akka.Persistence.Sql.Hosting;

namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// The Akka.Persistence.Sql journal and snapshot store of the dataset entities. Their tables are created by the
/// plugin when it starts (auto-initialize; <c>CREATE TABLE IF NOT EXISTS</c> and the unique index on
/// (persistence_id, sequence_number) that fences a zombie), not by the engine's migrations: the plugin owns its
/// schema and changes it with its versions. Their names start with <c>aq_</c>, like the ledger's, since in
/// cluster mode they share its PostgreSQL database.
/// </summary>
internal static class DatasetJournalOptions
{
    public const string JournalTable = "aq_journal";
    public const string TagTable = "aq_journal_tags";
    public const string MetadataTable = "aq_journal_metadata";
    public const string SnapshotTable = "aq_snapshot";

    public static SqlJournalOptions Journal(DatasetJournalLocation location)
    {
        var tables = JournalDatabaseOptions.Default;
        tables.JournalTable!.TableName = JournalTable;
        tables.TagTable!.TableName = TagTable;
        tables.MetadataTable!.TableName = MetadataTable;
        return new SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = location.ConnectionString,
            ProviderName = location.ProviderName,
            AutoInitialize = true,
            DatabaseOptions = tables,
        };
    }

    /// <summary>The HOCON <c>WithSqlPersistence</c> adds for these options, for an actor system made without Akka.Hosting (the specs').</summary>
    public static Config Hocon(DatasetJournalLocation location)
    {
        var journal = Journal(location);
        var snapshots = Snapshots(location);
        return journal.ToConfig()
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(snapshots.DefaultConfig)
            .WithFallback(journal.DefaultQueryConfig);
    }

    public static SqlSnapshotOptions Snapshots(DatasetJournalLocation location)
    {
        var tables = SnapshotDatabaseOptions.Default;
        tables.SnapshotTable!.TableName = SnapshotTable;
        return new SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = location.ConnectionString,
            ProviderName = location.ProviderName,
            AutoInitialize = true,
            DatabaseOptions = tables,
        };
    }
}
