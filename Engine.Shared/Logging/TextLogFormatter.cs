using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorQueue.Logging;

/// <summary>
/// Readable lines with the same fields as the JSON format:
/// <c>2026-11-22T10:00:00.123Z info seed/alpha JobFinished job=0193… trace=4bf9… Job … completed</c>.
/// </summary>
internal sealed class TextLogFormatter(IOptionsMonitor<LogFormatOptions> options) : ConsoleFormatter(LogFormatNames.Text)
{
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var settings = options.CurrentValue;
        var record = LogRecord.From(logEntry, scopeProvider, DateTimeOffset.UtcNow);
        textWriter.Write(record.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(record.Level);
        textWriter.Write(' ');
        textWriter.Write(settings.Role);
        textWriter.Write('/');
        textWriter.Write(settings.Node);
        textWriter.Write(' ');
        textWriter.Write(record.Action);
        if (record.JobId is not null)
        {
            textWriter.Write(" job=");
            textWriter.Write(record.JobId);
        }
        if (record.TraceId is not null)
        {
            textWriter.Write(" trace=");
            textWriter.Write(record.TraceId);
        }
        textWriter.Write(' ');
        textWriter.Write(record.Message);
        if (record.Exception is not null)
        {
            textWriter.Write(" | ");
            textWriter.Write(record.Exception.GetType().Name);
            textWriter.Write(": ");
            textWriter.Write(record.Exception.Message);
        }
        textWriter.Write('\n');
    }
}
