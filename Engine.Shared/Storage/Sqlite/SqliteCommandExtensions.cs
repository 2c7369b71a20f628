using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

internal static class SqliteCommandExtensions
{
    /// <summary>
    /// Binds a parameter (null becomes SQL NULL), reusing the parameter object of a prepared command,
    /// and returns the command for chaining.
    /// </summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        else
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
