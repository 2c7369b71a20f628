using System.Net.Http.Headers;
using System.Text.Json;
using ActorQueue.Akka;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using Akka.Actor;

namespace ActorQueue.Node.Startup;

/// <summary>
/// What <c>--seed URL</c> is for: before joining, the node asks the seed for its cluster (<c>GET /api/cluster</c>):
/// the seed's Akka address and the other members' (whom it joins), the seed's store (which must be the node's,
/// or the node would run jobs nobody submitted), and the names in use (a second member with the same name would
/// make every name-based command ambiguous). Each problem is one sentence and a non-zero exit.
/// </summary>
internal static class SeedCheck
{
    public static async Task<IReadOnlyList<Address>> ContactsAsync(Uri seed, string? token, string name, IStore store, CancellationToken cancellationToken)
    {
        ClusterView? cluster;
        try
        {
            using var http = new HttpClient { BaseAddress = seed, Timeout = TimeSpan.FromSeconds(10) };
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await http.GetAsync("api/cluster", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                throw new NodeStartException(2, $"the seed at {seed} refused the node's token (401): give the seed's --api-token with --api-token.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new NodeStartException(1, $"the seed at {seed} answered {(int)response.StatusCode} to GET /api/cluster; is it an ActorQueue seed?");
            }
            cluster = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken), WireJsonContext.Default.ClusterView);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new NodeStartException(1, $"the seed at {seed} cannot be reached ({exception.Message}); start it first, or check --seed.");
        }
        if (cluster is null || cluster.Members.Count == 0)
        {
            throw new NodeStartException(1, $"the seed at {seed} is not in a cluster yet; try again in a moment.");
        }
        var storeId = await store.GetStoreIdAsync(cancellationToken);
        if (cluster.StoreId != storeId)
        {
            throw new NodeStartException(2, $"the seed at {seed} uses another database than {store.Description}: the node and the seed must use the same --store.");
        }
        if (cluster.Members.FirstOrDefault(m => m.Name == name && m.Status is "joining" or "up" or "leaving") is { } twin)
        {
            throw new NodeStartException(2, $"the name '{name}' is taken by member {twin.Id} ({twin.Address}); give this node another --name.");
        }
        var ordered = cluster.Members.OrderByDescending(m => m.Id == cluster.Self).Where(m => m.Address is not null && m.Status is "up" or "joining" or "leaving");
        return [.. ordered.Select(m => AkkaNodeSettings.ParseAddress(m.Address!, "the seed's cluster address"))];
    }
}

/// <summary>A reason the node cannot start, with its exit code (2: fix the flags; 1: try again later).</summary>
internal sealed class NodeStartException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
