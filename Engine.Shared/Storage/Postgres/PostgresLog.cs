using Microsoft.Extensions.Logging;

namespace ActorQueue.Storage.Postgres;

/// <summary>
/// Log events of the PostgreSQL store. Event ids 5100–5199 (5000–5099 are the datasets'); the event name is the
/// log's "action".
/// </summary>
internal static partial class PostgresLog
{
    [LoggerMessage(5100, LogLevel.Error, "A job-signal handler threw after a commit; the write stands", EventName = "SignalHandlerFailed")]
    public static partial void SignalHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5101, LogLevel.Information, "Applied migration {Migration} to {Server}", EventName = "MigrationApplied")]
    public static partial void MigrationApplied(ILogger logger, string migration, string server);
}
