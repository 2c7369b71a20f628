using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using ActorQueue.Hosting;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ActorQueue.Tests.Telemetry;

/// <summary>
/// One trace from submit on the seed to completion on a worker node of a PostgreSQL cluster: the worker reads the
/// submitter's context from the ledger, so its spans join the trace whether it runs in the seed's process or its own.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class TracingAcrossNodesSpecs(PostgresServer server)
{
    private const string CallerSpan = "00f067aa0ba902b7";

    private static HttpRequestMessage Submit(string traceId, string body = """{"kind":"echo","payload":"across"}""")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", $"00-{traceId}-{CallerSpan}-01");
        return request;
    }

    [Fact]
    public async Task A_worker_nodes_claim_run_and_complete_spans_are_children_of_the_seeds_submit_span()
    {
        const string traceId = "6e0c63257de34c926f9efcd03919fb11";
        var spans = new SpanCollector();
        var store = server.Url(await server.CreateDatabaseAsync());
        // In one process every tracer provider sees every span, so the seed's exporter is enough; the node id on
        // each span tells the members apart.
        await using var seed = await SeedServer.StartOnStoreAsync(store, ["--name", "gateway"],
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        await using var worker = await NodeServer.StartAsync(store, "worker-traced", ["--seed", seed.BaseAddress.ToString(), "--queues", "default=2"]);

        using var request = Submit(traceId);
        using var response = await seed.Http.SendAsync(request);
        var id = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!.Id;
        var job = await seed.Http.WaitFinalAsync(id);
        await Eventually.HoldsAsync(() => Task.FromResult(spans.OfTrace(traceId).Any(s => s.OperationName == "complete")), "the complete span",
            () => string.Join(", ", spans.OfTrace(traceId).Select(s => s.OperationName)));
        var trace = spans.OfTrace(traceId);

        Assert.Equal((JobStateName.Completed, worker.MemberId, traceId), (job.State, job.Node, job.TraceId));
        var submit = Assert.Single(trace, s => s.OperationName == "submit");
        Assert.Equal(seed.Services.GetRequiredService<NodeIdentity>().Id, submit.GetTagItem("aq.node.id"));
        Assert.Equal(ActivityKind.Producer, submit.Kind);
        foreach (var name in new[] { "claim", "run", "complete" })
        {
            var span = Assert.Single(trace, s => s.OperationName == name);
            Assert.Equal(submit.SpanId, span.ParentSpanId);
            Assert.Equal(worker.MemberId, span.GetTagItem("aq.node.id"));
        }
    }

    [Fact]
    public async Task A_worker_in_its_own_process_exports_its_spans_of_the_job_in_the_submitters_trace()
    {
        const string traceId = "7d1c63257de34c926f9efcd03919fb22";
        await using var collector = await OtlpReceiver.StartAsync();
        var otlp = $"--OpenTelemetry:Otlp:Endpoint={collector.Endpoint}";
        var store = server.Url(await server.CreateDatabaseAsync());
        await using var seed = await SeedProcess.StartOnStoreAsync(store, otlp);
        await using var worker = NodeProcess.Start(store, "worker-apart", ["--seed", seed.BaseAddress.ToString(), "--queues", "default=2", otlp]);
        await Eventually.HoldsAsync(async () => (await seed.Http.GetClusterAsync()).Members.Any(m => m.Name == "worker-apart" && m.Status == "up"),
            "the worker to join", () => worker.Output);

        using var request = Submit(traceId);
        using var response = await seed.Http.SendAsync(request);
        var id = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!.Id;
        var job = await seed.Http.WaitFinalAsync(id);

        Assert.Equal((JobStateName.Completed, traceId), (job.State, job.TraceId));
        Assert.Equal("worker-apart", (await seed.Http.GetClusterAsync()).Members.Single(m => m.Id == job.Node).Name);
        // Each process exports its own spans every few seconds (the batch processor's schedule).
        var trace = Convert.FromHexString(traceId);
        await Eventually.HoldsAsync(() => Task.FromResult(
                collector.AnyExportHolds("traces", trace, Bytes("actorqueue-node"), Bytes("claim"), Bytes("run"), Bytes("complete"), Bytes(id))
                && collector.AnyExportHolds("traces", trace, Bytes("actorqueue-seed"), Bytes("submit"), Bytes(id))),
            "the worker's and the seed's spans of the job at the collector", collector.Describe);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
