using System.Text.Json;
using ActorQueue.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Logging;

/// <summary>Every process writes one format: time, level, node, role, action and job id on each line.</summary>
[Trait("Category", "Unit")]
public sealed class LogFormatTests
{
    private static readonly LogFormatOptions Options = new() { Node = "worker-3", Role = "node" };

    private static LogEntry<List<KeyValuePair<string, object?>>> Entry(LogLevel level, Exception? exception = null) => new(
        level,
        "ActorQueue.Hosting.Dispatch.QueueDispatcher",
        new EventId(2004, "JobFinished"),
        [new("JobId", "01a2-job"), new("Attempt", 2), new("Queue", "mail"), new("{OriginalFormat}", "Job {JobId} …")],
        exception,
        (_, _) => "Job 01a2-job on queue mail, attempt 2: completed");

    [Fact]
    public void The_json_format_writes_one_object_per_line_with_the_common_fields_and_the_event_properties()
    {
        var output = new StringWriter();

        new JsonLogFormatter(new StaticOptions(Options)).Write(Entry(LogLevel.Warning, new InvalidOperationException("boom")), null, output);

        var line = output.ToString();
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("worker-3", json.GetProperty("node").GetString());
        Assert.Equal("node", json.GetProperty("role").GetString());
        Assert.Equal("JobFinished", json.GetProperty("action").GetString());
        Assert.Equal("01a2-job", json.GetProperty("jobId").GetString());
        Assert.Equal("warn", json.GetProperty("level").GetString());
        Assert.Equal(2, json.GetProperty("attempt").GetInt32());
        Assert.Equal("mail", json.GetProperty("queue").GetString());
        Assert.Equal("InvalidOperationException: boom", json.GetProperty("error").GetString());
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("ts").GetString(), out _));
    }

    [Fact]
    public void The_text_format_carries_the_same_fields_on_one_readable_line()
    {
        var output = new StringWriter();

        new TextLogFormatter(new StaticOptions(Options)).Write(Entry(LogLevel.Information), null, output);

        var line = output.ToString();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info node/worker-3 JobFinished job=01a2-job Job 01a2-job on queue mail, attempt 2: completed\n$", line);
    }

    private sealed class StaticOptions(LogFormatOptions value) : IOptionsMonitor<LogFormatOptions>
    {
        public LogFormatOptions CurrentValue => value;

        public LogFormatOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LogFormatOptions, string?> listener) => null;
    }
}
