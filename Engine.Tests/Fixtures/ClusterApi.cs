using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Typed calls to the seed's cluster API, for tests.</summary>
internal static class ClusterApi
{
    public static async Task<ClusterView> GetClusterAsync(this HttpClient http) =>
        JsonSerializer.Deserialize(await http.GetStringAsync("/api/cluster"), WireJsonContext.Default.ClusterView)!;
}
