using Microsoft.Extensions.Logging;

namespace ActorQueue.Storage.Postgres;

/// <summary>Log events of the PostgreSQL store. Event ids 5000–5099; the event name is the log's "action".</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(5000, LogLevel.Information, "Listening for job notifications on {Server}", EventName = "ListenerStarted")]
    public static partial void ListenerStarted(ILogger logger, string server);

    [LoggerMessage(5001, LogLevel.Warning, "Lost the notification connection to {Server}; reconnecting (polling covers the gap)", EventName = "ListenerDisconnected")]
    public static partial void ListenerDisconnected(ILogger logger, string server, Exception exception);

    [LoggerMessage(5002, LogLevel.Debug, "Reconnecting to {Server} failed (attempt {Attempt}); next try in {DelayMs} ms: {Reason}", EventName = "ListenerReconnectFailed")]
    public static partial void ListenerReconnectFailed(ILogger logger, string server, int attempt, long delayMs, string reason);

    [LoggerMessage(5003, LogLevel.Information, "Listening again on {Server} after {Attempt} attempt(s); woke every known queue ({Queues}) in case a notification was lost", EventName = "ListenerReconnected")]
    public static partial void ListenerReconnected(ILogger logger, string server, int attempt, int queues);

    [LoggerMessage(5004, LogLevel.Warning, "Ignored a malformed job notification: {Line}", EventName = "NotificationMalformed")]
    public static partial void NotificationMalformed(ILogger logger, string line);

    [LoggerMessage(5005, LogLevel.Error, "A job-signal handler threw while a notification was dispatched", EventName = "SignalHandlerFailed")]
    public static partial void SignalHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(5006, LogLevel.Information, "Applied migration {Migration} to {Server}", EventName = "MigrationApplied")]
    public static partial void MigrationApplied(ILogger logger, string migration, string server);
}
