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
    public void A_json_line_never_repeats_a_key_even_when_an_event_names_a_property_like_a_common_field()
    {
        var output = new StringWriter();
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(
            LogLevel.Information,
            "ActorQueue.Hosting.WorkerNode",
            new EventId(2000, "NodeStarted"),
            [new("Role", "worker"), new("Node", "other"), new("Msg", "m"), new("Queue", "a"), new("queue", "b"), new("Error", "e"), new("{OriginalFormat}", "…")],
            new InvalidOperationException("boom"),
            (_, _) => "Node started");

        new JsonLogFormatter(new StaticOptions(Options)).Write(entry, null, output);

        var json = StrictJson.ParseLine(output.ToString());
        Assert.Equal("node", json.GetProperty("role").GetString());
        Assert.Equal("worker", json.GetProperty("arg.role").GetString());
        Assert.Equal("worker-3", json.GetProperty("node").GetString());
        Assert.Equal("other", json.GetProperty("arg.node").GetString());
        Assert.Equal("Node started", json.GetProperty("msg").GetString());
        Assert.Equal("a", json.GetProperty("queue").GetString());
        Assert.Equal("b", json.GetProperty("arg.queue").GetString());
        Assert.Equal("e", json.GetProperty("arg.error").GetString());
        Assert.Equal("InvalidOperationException: boom", json.GetProperty("error").GetString());
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
