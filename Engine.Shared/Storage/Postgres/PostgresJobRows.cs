using System.Text.Json;
using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>The column list every job query selects, the mapping from a row to a <see cref="Job"/>, and the store's times.</summary>
internal static class PostgresJobRows
{
    public const string Columns =
        "id, kind, queue, state, priority, attempt, max_attempts, payload, result, errors, unique_key, timeout_seconds, " +
        "enqueued_at, scheduled_at, started_at, completed_at, node_id, cancel_requested, seq";

    public static Job Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Kind = reader.GetString(1),
        Queue = reader.GetString(2),
        State = ParseState(reader.GetString(3)),
        Priority = reader.GetInt32(4),
        Attempt = reader.GetInt32(5),
        MaxAttempts = reader.GetInt32(6),
        Payload = reader.IsDBNull(7) ? null : reader.GetString(7),
        Result = reader.IsDBNull(8) ? null : reader.GetString(8),
        Errors = ParseErrors(reader.GetString(9)),
        UniqueKey = reader.IsDBNull(10) ? null : reader.GetString(10),
        TimeoutSeconds = reader.IsDBNull(11) ? null : reader.GetInt32(11),
        EnqueuedAt = Time(reader, 12),
        ScheduledAt = NullableTime(reader, 13),
        StartedAt = NullableTime(reader, 14),
        CompletedAt = NullableTime(reader, 15),
        Node = reader.IsDBNull(16) ? null : reader.GetString(16),
        CancelRequested = reader.GetBoolean(17),
    };

    public static JobState ParseState(string text) =>
        JobStates.TryParse(text, out var state) ? state : throw new InvalidDataException($"Unknown job state '{text}' in the store.");

    /// <summary>
    /// A time as the store keeps it: UTC, truncated to the millisecond (timestamptz would keep microseconds,
    /// and a time read back must equal the one the store answered with when it wrote it).
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    public static DateTimeOffset? Truncate(DateTimeOffset? time) => time is { } t ? Truncate(t) : null;

    /// <summary>The ISO-8601 form stored inside the errors JSON (the same as the SQLite store's).</summary>
    public static string ToIso(DateTimeOffset time) => time.UtcDateTime.ToString("O");

    public static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static IReadOnlyList<JobError> ParseErrors(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListJobError) ?? [];
}
