using System.Net.Http.Headers;
using System.Text.Json;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Node.Startup;

/// <summary>
/// What <c>--seed</c> is for: before joining, the node asks the seed who it is and checks that the seed is
/// a member of the store the node was given. A node pointed at another database would otherwise run
/// jobs nobody submitted and never see the seed's. A seed that is down is not an error: nodes keep
/// working on what is queued while it restarts.
/// </summary>
internal static class SeedCheck
{
    public enum Outcome
    {
        SameStore,
        SeedUnreachable,
        OtherStore,
    }

    public static async Task<(Outcome Outcome, string Detail)> RunAsync(Uri seed, string? token, IStore store, CancellationToken cancellationToken)
    {
        ClusterView? cluster;
        try
        {
            using var http = new HttpClient { BaseAddress = seed, Timeout = TimeSpan.FromSeconds(5) };
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await http.GetAsync("api/cluster", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (Outcome.SeedUnreachable, $"the seed at {seed} answered {(int)response.StatusCode} to GET /api/cluster");
            }
            cluster = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken), WireJsonContext.Default.ClusterView);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (Outcome.SeedUnreachable, $"the seed at {seed} did not answer ({exception.Message})");
        }
        if (cluster is null)
        {
            return (Outcome.SeedUnreachable, $"the seed at {seed} gave an empty answer");
        }
        var members = await store.ListNodesAsync(cancellationToken);
        return members.Any(m => m.Id == cluster.Self)
            ? (Outcome.SameStore, $"the seed at {seed} shares this store")
            : (Outcome.OtherStore, $"the seed at {seed} is not a member of {store.Description}: the node and the seed must use the same --store");
    }
}
