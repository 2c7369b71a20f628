using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Telemetry;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace ActorQueue.Tests.Telemetry;

/// <summary>
/// A job's trace on the embedded seed, as an OpenTelemetry exporter receives it: the caller's context (HTTP
/// <c>traceparent</c> header, TCP <c>traceparent</c> field) is the parent of <c>submit</c>, and each attempt's
/// <c>claim</c>, <c>run</c> and <c>complete</c> are children of <c>submit</c>; the job and its log lines carry the trace id.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class TracingTests
{
    private const string CallerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";
    private const string CallerParent = $"00-{CallerTrace}-{CallerSpan}-01";

    private readonly SpanCollector _spans = new();

    private Task<SeedServer> StartSeedAsync(string[]? args = null, Action<IServiceCollection>? configure = null) =>
        SeedServer.StartAsync([.. SeedServer.FastRetries, .. args ?? []], services =>
        {
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(_spans));
            configure?.Invoke(services);
        });

    /// <summary>The spans of <paramref name="traceId"/> once <paramref name="completes"/> complete spans have been exported.</summary>
    private async Task<IReadOnlyList<Activity>> TraceAsync(string traceId, int completes = 1)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(_spans.OfTrace(traceId).Count(s => s.OperationName == "complete") >= completes),
            $"{completes} complete span(s) in trace {traceId}", () => string.Join(", ", _spans.OfTrace(traceId).Select(s => s.OperationName)));
        return _spans.OfTrace(traceId);
    }

    private static Activity Single(IReadOnlyList<Activity> trace, string name) => Assert.Single(trace, span => span.OperationName == name);

    [Fact]
    public async Task An_http_submission_with_a_traceparent_continues_the_callers_trace_through_claim_run_and_complete()
    {
        await using var seed = await StartSeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("""{"kind":"echo","payload":{"n":1}}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", CallerParent);

        using var response = await seed.Http.SendAsync(request);
        var submitted = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!;
        var job = await seed.Http.WaitFinalAsync(submitted.Id);
        var trace = await TraceAsync(CallerTrace);

        Assert.Equal(CallerTrace, submitted.TraceId);
        Assert.Equal(CallerTrace, job.TraceId);
        var server = Assert.Single(trace, span => span.Kind == ActivityKind.Server);
        Assert.Equal(CallerSpan, server.ParentSpanId.ToHexString());
        var submit = Single(trace, "submit");
        Assert.Equal(server.SpanId, submit.ParentSpanId);
        Assert.Equal(job.Id, submit.GetTagItem("messaging.message.id"));
        Assert.Equal("http", submit.GetTagItem("aq.transport"));
        foreach (var name in new[] { "claim", "run", "complete" })
        {
            var span = Single(trace, name);
            Assert.Equal(submit.SpanId, span.ParentSpanId);
            Assert.Equal(job.Id, span.GetTagItem("messaging.message.id"));
            Assert.Equal(1, span.GetTagItem("aq.job.attempt"));
            Assert.Equal(job.Node, span.GetTagItem("aq.node.id"));
        }
        Assert.Equal("completed", Single(trace, "run").GetTagItem("aq.job.outcome"));
        Assert.Equal(true, Single(trace, "complete").GetTagItem("aq.job.recorded"));
        // Each step starts no earlier than the one before it.
        Assert.True(Single(trace, "claim").StartTimeUtc >= submit.StartTimeUtc);
        Assert.True(Single(trace, "run").StartTimeUtc >= Single(trace, "claim").StartTimeUtc);
    }

    [Fact]
    public async Task A_tcp_submission_takes_its_traceparent_field_as_the_parent_of_submit()
    {
        await using var seed = await StartSeedAsync();
        await using var tcp = await TcpClientSession.ConnectAsync(seed.Tcp);

        var answer = await tcp.RequestAsync($$$"""{"op":"submit","traceparent":"{{{CallerParent}}}","job":{"kind":"echo","payload":"tcp"}}""");
        var id = answer.GetProperty("id").GetString()!;
        var job = await seed.Http.WaitFinalAsync(id);
        var trace = await TraceAsync(CallerTrace);

        Assert.Equal(CallerTrace, answer.GetProperty("traceId").GetString());
        Assert.Equal(CallerTrace, job.TraceId);
        var submit = Single(trace, "submit");
        Assert.Equal(CallerSpan, submit.ParentSpanId.ToHexString());
        Assert.Equal("tcp", submit.GetTagItem("aq.transport"));
        Assert.Equal(submit.SpanId, Single(trace, "run").ParentSpanId);
    }

    [Fact]
    public async Task A_submission_without_traceparent_starts_its_own_trace_and_every_retry_joins_it()
    {
        await using var seed = await StartSeedAsync();
        await using var tcp = await TcpClientSession.ConnectAsync(seed.Tcp);

        // A malformed traceparent is ignored, as ASP.NET Core ignores a malformed header: the job still gets a trace.
        var answer = await tcp.RequestAsync("""{"op":"submit","traceparent":"not-a-traceparent","job":{"kind":"fail","payload":{"message":"no"},"maxAttempts":2}}""");
        var job = await seed.Http.WaitFinalAsync(answer.GetProperty("id").GetString()!);
        Assert.Matches("^[0-9a-f]{32}$", job.TraceId);
        var trace = await TraceAsync(job.TraceId!, completes: 2);

        Assert.Equal(JobStateName.Discarded, job.State);
        var submit = Single(trace, "submit");
        Assert.Equal(default, submit.ParentSpanId);
        var runs = trace.Where(span => span.OperationName == "run").OrderBy(span => span.StartTimeUtc).ToList();
        Assert.Equal([1, 2], runs.Select(run => (int)run.GetTagItem("aq.job.attempt")!));
        Assert.All(trace.Where(span => span.OperationName is "claim" or "run" or "complete"), span => Assert.Equal(submit.SpanId, span.ParentSpanId));
        Assert.All(runs, run => Assert.Equal((ActivityStatusCode.Error, "no"), (run.Status, run.StatusDescription)));
        Assert.Equal(["retryable", "discarded"], runs.Select(run => (string)run.GetTagItem("aq.job.outcome")!));
    }

    [Fact]
    public async Task A_caller_that_does_not_sample_keeps_its_trace_id_on_the_job_and_no_span_is_exported()
    {
        const string unsampled = "8e0c63257de34c926f9efcd03919fb33";
        await using var seed = await StartSeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("""{"kind":"echo"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{unsampled}-{CallerSpan}-00");

        using var response = await seed.Http.SendAsync(request);
        var submitted = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!;
        var job = await seed.Http.WaitFinalAsync(submitted.Id);
        // A sampled job submitted afterwards and run by the same pool: once its spans are in, the first job's would be too.
        using var sampled = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("""{"kind":"echo"}""", Encoding.UTF8, "application/json") };
        sampled.Headers.Add("traceparent", CallerParent);
        using var after = await seed.Http.SendAsync(sampled);
        await seed.Http.WaitFinalAsync((await after.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!.Id);
        await TraceAsync(CallerTrace);

        Assert.Equal((unsampled, unsampled), (submitted.TraceId, job.TraceId));
        Assert.Empty(_spans.OfTrace(unsampled));
    }

    [Fact]
    public async Task Every_json_log_line_about_a_job_carries_its_job_id_and_trace_id_once_the_handlers_own_lines_included()
    {
        var logs = new FormattedLogProvider(json: true);
        await using var seed = await StartSeedAsync(["--Logging:LogLevel:ActorQueue=Debug"], services =>
        {
            services.AddLogging(logging => logging.AddProvider(logs));
            services.AddJobHandler<ChattyHandler>();
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("""{"kind":"test.chatty"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", CallerParent);

        using var response = await seed.Http.SendAsync(request);
        var submitted = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!;
        await seed.Http.WaitFinalAsync(submitted.Id);
        await Eventually.HoldsAsync(() => Task.FromResult(logs.AboutJob(submitted.Id).Any(line => line.GetProperty("action").GetString() == "JobCompleted")),
            "the JobCompleted line");

        var lines = logs.AboutJob(submitted.Id);
        Assert.Equal(["ChattyStep", "JobCompleted", "JobStarted"], lines.Select(line => line.GetProperty("action").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.All(lines, line => Assert.Equal(CallerTrace, line.GetProperty("traceId").GetString()));
        foreach (var line in logs.Lines.Where(line => line.Contains(submitted.Id, StringComparison.Ordinal)))
        {
            Assert.Equal(1, Occurrences(line, "\"jobId\""));
            Assert.Equal(1, Occurrences(line, "\"traceId\""));
        }
    }

    [Fact]
    public void Otlp_export_is_configured_only_by_an_endpoint()
    {
        static OtlpSettings? From(params (string Key, string Value)[] values) =>
            OtlpSettings.From(new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

        Assert.Null(From());
        Assert.Null(From(("OpenTelemetry:Otlp:Protocol", "grpc")));
        var own = From(("OpenTelemetry:Otlp:Endpoint", "http://collector:4318"))!;
        Assert.Equal((new Uri("http://collector:4318"), OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf), (own.Endpoint, own.Protocol));
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, From(("OpenTelemetry:Otlp:Endpoint", "http://collector:4317"), ("OpenTelemetry:Otlp:Protocol", "grpc"))!.Protocol);
        Assert.True(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"))!.FromStandardVariables);
        Assert.Contains("not 'collector'", Assert.Throws<TelemetrySettingsException>(() => From(("OpenTelemetry:Otlp:Endpoint", "collector"))).Message, StringComparison.Ordinal);
        Assert.Contains("http/protobuf or grpc", Assert.Throws<TelemetrySettingsException>(() => From(("OpenTelemetry:Otlp:Endpoint", "http://c:4318"), ("OpenTelemetry:Otlp:Protocol", "udp"))).Message, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    /// <summary>A handler that logs what it does, as a user's handler would: without naming the job.</summary>
    private sealed partial class ChattyHandler(ILogger<ChattyHandler> logger) : IJobHandler
    {
        public string Kind => "test.chatty";

        public ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
        {
            Step(logger, 1);
            return ValueTask.FromResult<JsonElement?>(null);
        }

        [LoggerMessage(9900, LogLevel.Information, "Step {Step} done", EventName = "ChattyStep")]
        private static partial void Step(ILogger logger, int step);
    }
}
