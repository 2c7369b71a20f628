using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// Applies the versioned scripts in <c>Migrations/</c> (embedded as <c>V###_name.sql</c>) that are not yet
/// recorded in <c>aq_migrations</c>, each in its own transaction.
/// </summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "ActorQueue.Storage.Sqlite.Migrations.";

    public static void Apply(SqliteConnection connection, TimeProvider time)
    {
        Run(connection, null, """
            CREATE TABLE IF NOT EXISTS aq_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at INTEGER NOT NULL
            )
            """);
        var applied = new HashSet<int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT version FROM aq_migrations";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var (version, name, sql) in Scripts())
        {
            if (applied.Contains(version))
            {
                continue;
            }
            using var transaction = connection.BeginTransaction();
            Run(connection, transaction, sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO aq_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                record.With("@v", version).With("@n", name).With("@t", time.GetUtcNow().ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> Scripts() => MigrationScripts.Load(ResourcePrefix);

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
