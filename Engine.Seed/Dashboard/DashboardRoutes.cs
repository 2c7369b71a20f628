using ActorQueue.Seed.Dashboard.Assets;
using ActorQueue.Seed.Dashboard.Feed;

namespace ActorQueue.Seed.Dashboard;

/// <summary>
/// The dashboard: the page at <c>/</c>, its files under <c>/dashboard/</c> (open: they hold no data, and the page
/// must load to ask for a token) and its live feed at <c>/api/dashboard/stream</c> (behind the token like all
/// of <c>/api</c>). Everything else the page shows comes from the public JSON routes.
/// </summary>
internal static class DashboardRoutes
{
    // The page runs only its own scripts and styles; images may be blob: URLs (thumbnails fetched with the token).
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context, DashboardAssets assets) => Serve(context, assets, "index.html"));
        app.MapGet("/dashboard/{**path}", (string path, HttpContext context, DashboardAssets assets) => Serve(context, assets, path));
        app.MapGet("/api/dashboard/stream", DashboardStream.StreamAsync);
        return app;
    }

    private static IResult Serve(HttpContext context, DashboardAssets assets, string path)
    {
        if (assets.Find(path) is not { } asset)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The dashboard has no file '{path}'.");
        }
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries).Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}

/// <summary>
/// <c>GET /api/dashboard/stream</c>: Server-Sent Events, one <c>snapshot</c> event a second (the first carries
/// the whole kept history). The page reads it with <c>fetch</c>, not <c>EventSource</c>, because only
/// <c>fetch</c> can send the <c>Authorization</c> header a seed with <c>--api-token</c> requires.
/// </summary>
internal static class DashboardStream
{
    public static async Task StreamAsync(HttpContext context, DashboardFeed feed, IHostApplicationLifetime lifetime)
    {
        // Ends when the page goes away or the seed stops (an open stream must not hold up shutdown).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        using var subscription = feed.Subscribe();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await WriteAsync(context, await feed.FirstAsync(cancellationToken), cancellationToken);
            await foreach (var json in subscription.Snapshots.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(context, json, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away or the seed is stopping.
        }
    }

    private static async Task WriteAsync(HttpContext context, string json, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync("event: snapshot\ndata: " + json + "\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
