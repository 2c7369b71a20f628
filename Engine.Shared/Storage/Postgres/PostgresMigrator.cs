using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Applies the versioned scripts in <c>Migrations/</c> (embedded as <c>V###_name.sql</c>) that are not yet
/// recorded in <c>aq_migrations</c>, each in its own transaction. Several processes may start at once (a
/// seed and its nodes), so the whole run holds a PostgreSQL advisory lock: the first applies the scripts,
/// the others wait for it and then find nothing left to do.
/// </summary>
internal static class PostgresMigrator
{
    private const string ResourcePrefix = "ActorQueue.Storage.Postgres.Migrations.";

    // The same key in every ActorQueue process ("AQMIGR"); advisory locks are scoped to one database.
    private const long LockKey = 0x4151_4D49_4752;

    /// <summary>Applies what is pending and answers the names of the scripts it applied.</summary>
    public static IReadOnlyList<string> Apply(NpgsqlConnection connection, TimeProvider time)
    {
        Run(connection, null, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Run(connection, null, """
                CREATE TABLE IF NOT EXISTS aq_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL
                )
                """);
            var applied = new HashSet<int>();
            using (var command = new NpgsqlCommand("SELECT version FROM aq_migrations", connection))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var names = new List<string>();
            foreach (var (version, name, sql) in Scripts())
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                using var transaction = connection.BeginTransaction();
                Run(connection, transaction, sql);
                using (var record = new NpgsqlCommand("INSERT INTO aq_migrations (version, name, applied_at) VALUES (@v, @n, @t)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.Parameters.AddWithValue("n", name);
                    record.Parameters.AddWithValue("t", PostgresJobRows.Truncate(time.GetUtcNow()));
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
                names.Add(name);
            }
            return names;
        }
        finally
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                Run(connection, null, $"SELECT pg_advisory_unlock({LockKey})");
            }
        }
    }

    internal static IEnumerable<(int Version, string Name, string Sql)> Scripts() => MigrationScripts.Load(ResourcePrefix);

    private static void Run(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
