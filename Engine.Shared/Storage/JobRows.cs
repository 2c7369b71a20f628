using System.Data.Common;
using System.Text.Json;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// The job columns every store selects, in this order, and the mapping from such a row to a <see cref="Job"/>.
/// Stores differ only in how they keep times (Unix milliseconds in SQLite, timestamptz in PostgreSQL).
/// </summary>
internal static class JobRows
{
    public const string Columns =
        "id, kind, queue, state, priority, attempt, max_attempts, payload, result, errors, unique_key, timeout_seconds, " +
        "enqueued_at, scheduled_at, started_at, completed_at, node_id, cancel_requested, seq, trace_parent";

    public static Job Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time) => new()
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
        EnqueuedAt = time(reader, 12),
        ScheduledAt = reader.IsDBNull(13) ? null : time(reader, 13),
        StartedAt = reader.IsDBNull(14) ? null : time(reader, 14),
        CompletedAt = reader.IsDBNull(15) ? null : time(reader, 15),
        Node = reader.IsDBNull(16) ? null : reader.GetString(16),
        // An integer 0/1 in SQLite, a boolean in PostgreSQL.
        CancelRequested = Convert.ToBoolean(reader.GetValue(17), System.Globalization.CultureInfo.InvariantCulture),
        TraceParent = reader.IsDBNull(19) ? null : reader.GetString(19),
    };

    public static JobState ParseState(string text) =>
        JobStates.TryParse(text, out var state) ? state : throw new InvalidDataException($"Unknown job state '{text}' in the store.");

    /// <summary>The ISO-8601 form of times inside the errors JSON, the same in every store.</summary>
    public static string ToIso(DateTimeOffset time) => time.UtcDateTime.ToString("O");

    private static IReadOnlyList<JobError> ParseErrors(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListJobError) ?? [];
}
