using ActorQueue.Jobs;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Storage.Sqlite;

/// <summary>SQLite's side of <see cref="JobRows"/>: times as Unix milliseconds.</summary>
internal static class SqliteJobRows
{
    public const string Columns = JobRows.Columns;

    public static Job Read(SqliteDataReader reader) => JobRows.Read(reader, static (r, ordinal) => FromMs(r.GetInt64(ordinal)));

    public static JobState ParseState(string text) => JobRows.ParseState(text);

    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string ToIso(DateTimeOffset time) => JobRows.ToIso(time);
}
