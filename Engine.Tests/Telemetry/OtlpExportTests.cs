using System.Net.Http.Json;
using System.Text;
using ActorQueue.Node.Startup;
using ActorQueue.Protocol;
using ActorQueue.Seed.Startup;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Telemetry;

/// <summary>
/// The OTLP exporter, against a stand-in collector on a loopback port: a seed given an endpoint sends its
/// traces, metrics and logs there; a bad endpoint stops the process at start-up with one sentence.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OtlpExportTests
{
    private const string CallerTrace = "5a9c2f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public async Task A_seed_given_an_otlp_endpoint_exports_the_jobs_spans_its_metrics_and_its_logs_there()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var seed = await SeedServer.StartAsync([$"--OpenTelemetry:Otlp:Endpoint={collector.Endpoint}"]);
        string jobId;
        string failedId;
        await using (seed)
        {
            // A failing handler is logged as a warning, which the test seed's log level lets through.
            failedId = (await seed.Http.SubmitAsync("""{"kind":"fail","payload":{"message":"logged"},"maxAttempts":1}""")).Id;
            await seed.Http.WaitFinalAsync(failedId);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent("""{"kind":"echo"}""", Encoding.UTF8, "application/json") };
            request.Headers.Add("traceparent", $"00-{CallerTrace}-1111111111111111-01");
            using var response = await seed.Http.SendAsync(request);
            jobId = (await response.Content.ReadFromJsonAsync(WireJsonContext.Default.SubmitJobResponse))!.Id;
            await seed.Http.WaitFinalAsync(jobId);
        }
        // Stopping the seed flushed what its exporters still held.

        var trace = Convert.FromHexString(CallerTrace);
        Assert.True(collector.AnyExportHolds("traces", trace, Bytes("submit"), Bytes("run"), Bytes("complete"), Bytes("actorqueue-seed"), Bytes(jobId)),
            $"no trace export holds the job's spans: {collector.Describe()}");
        Assert.True(collector.AnyExportHolds("metrics", Bytes("aq_jobs_submitted"), Bytes("aq_job_latency_seconds"), Bytes("aq_cluster_members")),
            $"no metrics export holds the job meters: {collector.Describe()}");
        Assert.True(collector.AnyExportHolds("logs", Bytes(failedId), Bytes("logged")), $"no log export holds the failed job's warning: {collector.Describe()}");
        Assert.Equal(["application/x-protobuf"], collector.ContentTypes);
    }

    [Fact]
    public async Task A_seed_with_an_endpoint_that_is_not_an_http_url_exits_2_before_it_opens_its_store()
    {
        using var directory = new TempDirectory();

        var exit = await SeedApp.RunAsync(["--store", "sqlite:" + directory.File("never.db"), "--http", "127.0.0.1:0", "--tcp", "127.0.0.1:0",
            "--OpenTelemetry:Otlp:Endpoint=collector:4318"]);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(directory.File("never.db")));
    }

    [Fact]
    public async Task A_node_with_an_unknown_otlp_protocol_is_refused_with_exit_code_2()
    {
        var refused = await Assert.ThrowsAsync<NodeStartException>(() => NodeServer.StartAsync("postgres://aq@127.0.0.1:1/none", "worker-x",
            ["--seed-node", "akka.tcp://actorqueue@127.0.0.1:1", "--OpenTelemetry:Otlp:Endpoint=http://127.0.0.1:4318", "--OpenTelemetry:Otlp:Protocol=thrift"]));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("http/protobuf or grpc", refused.Message, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
