using System.Text;
using ActorQueue.Dispatch;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary><c>/healthz</c> and <c>/metrics</c>.</summary>
internal static class OpsRoutes
{
    public static IEndpointRouteBuilder MapOpsRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", HealthAsync);
        app.MapGet("/metrics", MetricsAsync);
        return app;
    }

    private static async Task<IResult> HealthAsync(IStore store, HttpContext context) =>
        await store.PingAsync(context.RequestAborted)
            ? Results.Text("ok\n")
            : Results.Problem(title: "Store unreachable", detail: $"The seed cannot reach {store.Description}.", statusCode: 503);

    private static async Task MetricsAsync(HttpContext context, IStore store, PrometheusExporter exporter, IServiceProvider services)
    {
        var text = new StringBuilder();
        text.Append("# HELP aq_jobs Jobs in the store by queue and state.\n# TYPE aq_jobs gauge\n");
        var counts = await store.CountByQueueAndStateAsync(context.RequestAborted);
        foreach (var queue in counts.Select(c => c.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var state in JobStates.All)
            {
                var count = counts.FirstOrDefault(c => c.Queue == queue && c.State == state)?.Count ?? 0;
                text.Append("aq_jobs{queue=\"").Append(PrometheusExporter.Escape(queue)).Append("\",state=\"").Append(state.ToWire()).Append("\"} ").Append(count).Append('\n');
            }
        }
        var running = services.GetRequiredService<DispatchStatus>().Running;
        if (running.Count > 0)
        {
            text.Append("# HELP aq_jobs_running_here Jobs running on this node now.\n# TYPE aq_jobs_running_here gauge\n");
            foreach (var (queue, count) in running.OrderBy(q => q.Key, StringComparer.Ordinal))
            {
                text.Append("aq_jobs_running_here{queue=\"").Append(PrometheusExporter.Escape(queue)).Append("\"} ").Append(count).Append('\n');
            }
        }
        exporter.WriteTo(text);
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
