using ActorQueue.Jobs;
using Npgsql;

namespace ActorQueue.Storage.Postgres;

/// <summary>PostgreSQL's side of <see cref="JobRows"/>: timestamptz times truncated to the millisecond.</summary>
internal static class PostgresJobRows
{
    public const string Columns = JobRows.Columns;

    public static Job Read(NpgsqlDataReader reader) => JobRows.Read(reader, static (r, ordinal) => r.GetFieldValue<DateTimeOffset>(ordinal));

    public static JobState ParseState(string text) => JobRows.ParseState(text);

    /// <summary>
    /// A time as the store keeps it: UTC, truncated to the millisecond (timestamptz would keep microseconds,
    /// and a time read back must equal the one the store answered with when it wrote it).
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    public static DateTimeOffset? Truncate(DateTimeOffset? time) => time is { } t ? Truncate(t) : null;

    public static string ToIso(DateTimeOffset time) => JobRows.ToIso(time);

    public static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
