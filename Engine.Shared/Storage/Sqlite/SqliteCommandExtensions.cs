using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

internal static class SqliteCommandExtensions
{
    /// <summary>Binds a parameter (null becomes SQL NULL) and returns the command for chaining.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
