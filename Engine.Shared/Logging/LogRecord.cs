using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Logging;

/// <summary>The fields of one log line, common to the text and JSON formats.</summary>
internal readonly record struct LogRecord(
    DateTimeOffset Timestamp,
    string Level,
    string Category,
    string Action,
    string? JobId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Properties,
    Exception? Exception)
{
    public static LogRecord From<TState>(in LogEntry<TState> entry, DateTimeOffset timestamp)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        var properties = entry.State as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        string? jobId = null;
        foreach (var property in properties)
        {
            if (property.Key is "JobId" or "jobId")
            {
                jobId = property.Value?.ToString();
            }
        }
        var category = entry.Category;
        var dot = category.LastIndexOf('.');
        return new LogRecord(
            timestamp,
            ShortLevel(entry.LogLevel),
            dot >= 0 ? category[(dot + 1)..] : category,
            string.IsNullOrEmpty(entry.EventId.Name) ? entry.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : entry.EventId.Name,
            jobId,
            message,
            properties,
            entry.Exception);
    }

    private static string ShortLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
