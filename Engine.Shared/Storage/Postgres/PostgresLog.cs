using Microsoft.Extensions.Logging;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Log events of the PostgreSQL store. Event ids 5000–5099; the event name is the log's "action". Ids
/// 5000–5004 belonged to the LISTEN/NOTIFY listener, which is gone: never reuse them.
/// </summary>
internal static partial class PostgresLog
{
    [LoggerMessage(5005, LogLevel.Error, "A job-signal handler threw after a commit; the write stands", EventName = "SignalHandlerFailed")]
    public static partial void SignalHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5006, LogLevel.Information, "Applied migration {Migration} to {Server}", EventName = "MigrationApplied")]
    public static partial void MigrationApplied(ILogger logger, string migration, string server);
}
