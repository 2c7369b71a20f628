using System.Net.Http.Headers;

namespace ActorQueue.Cli.Client;

/// <summary>Creates the one <see cref="HttpClient"/> a command uses for all its requests.</summary>
internal static class SeedHttp
{
    /// <param name="connections">How many requests may be in flight at once (the bench's submitters plus one).</param>
    public static HttpClient CreateClient(SeedSettings settings, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(connections, 1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        // Timeouts are per request in SeedClient: a long-poll may legitimately take minutes.
        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = settings.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("aq", "1.0"));
        if (settings.Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
