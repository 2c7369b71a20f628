using System.Text.Json;
using ActorQueue.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Logging;

/// <summary>Every process writes one format: time, level, node, role, action, job id and trace id on each line.</summary>
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

    [Fact]
    public void Inside_a_jobs_scope_both_formats_write_its_trace_id_once_beside_the_job_id()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new JobLogScope("01a2-job", "4bf92f3577b34da6a3ce929d0e0e4736"));
        var text = new StringWriter();
        var json = new StringWriter();

        new TextLogFormatter(new StaticOptions(Options)).Write(Entry(LogLevel.Information), scopes, text);
        new JsonLogFormatter(new StaticOptions(Options)).Write(Entry(LogLevel.Information), scopes, json);

        Assert.Contains(" JobFinished job=01a2-job trace=4bf92f3577b34da6a3ce929d0e0e4736 Job 01a2-job", text.ToString(), StringComparison.Ordinal);
        var line = json.ToString();
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", JsonDocument.Parse(line).RootElement.GetProperty("traceId").GetString());
        Assert.Single(line.Split("\"jobId\"").Skip(1));
        Assert.Single(line.Split("\"traceId\"").Skip(1));
    }

    [Fact]
    public void A_line_inside_a_jobs_scope_that_names_another_job_keeps_its_own_job_and_takes_no_trace()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new JobLogScope("other-job", "4bf92f3577b34da6a3ce929d0e0e4736"));
        var text = new StringWriter();

        new TextLogFormatter(new StaticOptions(Options)).Write(Entry(LogLevel.Information), scopes, text);

        Assert.Contains(" job=01a2-job Job", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("trace=", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_outside_any_job_has_neither_field_and_other_scopes_are_not_written()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new Dictionary<string, object?> { ["RequestId"] = "r-1" });
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Information, "ActorQueue.Hosting", new EventId(1, "Started"),
            [new("{OriginalFormat}", "started")], null, (_, _) => "started");
        var json = new StringWriter();

        new JsonLogFormatter(new StaticOptions(Options)).Write(entry, scopes, json);

        var line = JsonDocument.Parse(json.ToString()).RootElement;
        Assert.False(line.TryGetProperty("jobId", out _));
        Assert.False(line.TryGetProperty("traceId", out _));
        Assert.False(line.TryGetProperty("requestId", out _));
    }

    private sealed class StaticOptions(LogFormatOptions value) : IOptionsMonitor<LogFormatOptions>
    {
        public LogFormatOptions CurrentValue => value;

        public LogFormatOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LogFormatOptions, string?> listener) => null;
    }
}
