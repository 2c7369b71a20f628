using ActorQueue.Metrics;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary><c>/healthz</c> and <c>/metrics</c>.</summary>
internal static class OpsRoutes
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/healthz";

    public static IEndpointRouteBuilder MapOpsRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthPath, HealthAsync);
        // The OpenTelemetry Prometheus exporter serves the meter provider's instruments; the ledger's job counts
        // are read first (at most once a second, see JobGauges) so that the scrape shows them current.
        var gauges = app.ServiceProvider.GetRequiredService<JobGauges>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            await gauges.RefreshAsync(context.RequestAborted);
            await next(context);
        }), optionsName: null)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return app;
    }

    /// <summary>True for the routes scrapers and probes call, which are not worth a trace.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthPath);

    private static async Task<IResult> HealthAsync(IStore store, HttpContext context) =>
        await store.PingAsync(context.RequestAborted)
            ? Results.Text("ok\n")
            : Results.Problem(title: "Store unreachable", detail: $"The seed cannot reach {store.Description}.", statusCode: 503);
}
