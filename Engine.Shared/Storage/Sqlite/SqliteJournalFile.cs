using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>
/// The second SQLite file, beside the ledger, that holds the dataset entities' Akka.Persistence journal
/// and snapshots. SQLite admits one writer per file at a time: the ledger's group-commit writer holds the
/// ledger's lock for every transaction, so a journal in the same file would queue behind it (and it behind
/// the journal). The plugin creates its tables in this file on first use; the store only creates the file
/// in WAL mode, so that the journal's writes never block readers and commit without rewriting pages.
/// </summary>
internal static class SqliteJournalFile
{
    public static string PathFor(string ledgerPath)
    {
        var directory = System.IO.Path.GetDirectoryName(ledgerPath) ?? "";
        return System.IO.Path.Combine(directory, System.IO.Path.GetFileNameWithoutExtension(ledgerPath) + ".journal.db");
    }

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Creates the file if needed and switches it to WAL (a setting SQLite keeps in the file).</summary>
    public static void Prepare(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
