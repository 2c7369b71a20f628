using ActorQueue.Metrics;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary><c>/healthz</c> and <c>/metrics</c>.</summary>
internal static class OpsRoutes
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/healthz";

    public static IEndpointRouteBuilder MapOpsRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthPath, HealthAsync)
            .WithTags("Operations")
            .WithSummary("Liveness and the store")
            .WithDescription("200 with ok when the process is up and the store reachable, else 503.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithProblems(StatusCodes.Status503ServiceUnavailable);
        // The OpenTelemetry Prometheus exporter serves the meter provider's instruments; the ledger's job counts and
        // the shard regions' figures are read first (see JobGauges, ShardGauges) so that the scrape shows them current.
        var scrape = app.CreateApplicationBuilder()
            .UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: _ => true, path: null, configureBranchedPipeline: null, optionsName: null)
            .Build();
        app.MapGet(MetricsPath, async (HttpContext context, JobGauges jobs, ShardGauges shards) =>
        {
            await Task.WhenAll(jobs.RefreshAsync(context.RequestAborted), shards.RefreshAsync(context.RequestAborted));
            await scrape(context);
        })
            .WithTags("Operations")
            .WithSummary("Prometheus metrics")
            .WithDescription("The Prometheus text format (OpenMetrics when asked for): job counts by queue and state, submissions, claims, outcomes, latency, "
                + "jobs running here, inference batches, cluster members by status and unreachable members, dataset shards and entities per node. See the README for the names.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/openmetrics-text");
        return app;
    }

    /// <summary>True for the routes scrapers and probes call, which are not worth a trace.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthPath);

    private static async Task<IResult> HealthAsync(IStore store, HttpContext context) =>
        await store.PingAsync(context.RequestAborted)
            ? Results.Text("ok\n")
            : Results.Problem(title: "Store unreachable", detail: $"The seed cannot reach {store.Description}.", statusCode: 503);
}
