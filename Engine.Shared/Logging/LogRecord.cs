using System.Runtime.CompilerServices;
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
    string? TraceId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Properties,
    Exception? Exception)
{
    /// <summary>
    /// The line's fields. The job id and trace id come from the message's own properties or else from the
    /// innermost <see cref="JobLogScope"/> (other scopes are not written: they would repeat on every line).
    /// </summary>
    public static LogRecord From<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, DateTimeOffset timestamp)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        var properties = entry.State as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        string? jobId = null;
        string? traceId = null;
        foreach (var property in properties)
        {
            if (IsJobId(property.Key))
            {
                jobId = property.Value?.ToString();
            }
            else if (IsTraceId(property.Key))
            {
                traceId = property.Value?.ToString();
            }
        }
        if (scopes is not null)
        {
            var innermost = new StrongBox<JobLogScope?>();
            scopes.ForEachScope(static (scope, box) =>
            {
                if (scope is JobLogScope job)
                {
                    box.Value = job;
                }
            }, innermost);
            // A line about another job (named in its own properties) does not take this scope's trace.
            if (innermost.Value is { } job && (jobId is null || jobId == job.JobId))
            {
                jobId = job.JobId;
                traceId ??= job.TraceId;
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
            traceId,
            message,
            properties,
            entry.Exception);
    }

    /// <summary>True for the property names written as the line's own <c>jobId</c> field.</summary>
    public static bool IsJobId(string key) => key is JobLogScope.JobIdKey or "jobId";

    /// <summary>True for the property names written as the line's own <c>traceId</c> field.</summary>
    public static bool IsTraceId(string key) => key is JobLogScope.TraceIdKey or "traceId";

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
