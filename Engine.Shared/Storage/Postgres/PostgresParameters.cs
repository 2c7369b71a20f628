using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal static class PostgresParameters
{
    /// <summary>Binds a named parameter (null becomes SQL NULL) and returns the collection for chaining.</summary>
    public static NpgsqlParameterCollection With(this NpgsqlParameterCollection parameters, string name, object? value)
    {
        parameters.AddWithValue(name, value ?? DBNull.Value);
        return parameters;
    }
}
