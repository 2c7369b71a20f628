using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorQueue.Logging;

/// <summary>
/// One JSON object per line — <c>{"ts","level","node","role","action","category","jobId","traceId","msg",…properties,"error"}</c> —
/// so that the logs of every node can be merged and searched together. Every key appears once per line: a
/// property named like a common field (<c>role</c>, <c>node</c>, <c>msg</c>, …) or like an earlier property is
/// written with an <c>arg.</c> prefix, since a duplicate key is invalid for strict parsers and silently keeps
/// only one of the two values in most others.
/// </summary>
internal sealed class JsonLogFormatter(IOptionsMonitor<LogFormatOptions> options) : ConsoleFormatter(LogFormatNames.Json)
{
    /// <summary>The keys every line may carry before the event's own properties.</summary>
    private static readonly string[] CommonKeys = ["ts", "level", "node", "role", "action", "category", "jobId", "msg", "error"];

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var settings = options.CurrentValue;
        var record = LogRecord.From(logEntry, scopeProvider, DateTimeOffset.UtcNow);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", record.Timestamp.UtcDateTime);
            json.WriteString("level", record.Level);
            json.WriteString("node", settings.Node);
            json.WriteString("role", settings.Role);
            json.WriteString("action", record.Action);
            json.WriteString("category", record.Category);
            if (record.JobId is not null)
            {
                json.WriteString("jobId", record.JobId);
            }
            if (record.TraceId is not null)
            {
                json.WriteString("traceId", record.TraceId);
            }
            json.WriteString("msg", record.Message);
            HashSet<string>? written = null;
            foreach (var (key, value) in record.Properties)
            {
                if (key is "{OriginalFormat}" || key.Length == 0 || LogRecord.IsJobId(key) || LogRecord.IsTraceId(key))
                {
                    continue;
                }
                var name = char.ToLowerInvariant(key[0]) + key[1..];
                written ??= new HashSet<string>(CommonKeys, StringComparer.Ordinal);
                while (!written.Add(name))
                {
                    name = "arg." + name;
                }
                switch (value)
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case int or long or double or float or decimal or short:
                        json.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
            if (record.Exception is not null)
            {
                json.WriteString("error", $"{record.Exception.GetType().Name}: {record.Exception.Message}");
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }
}
