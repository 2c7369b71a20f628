using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Tests.Fixtures;

/// <summary>Typed calls to the seed's cluster API, for tests.</summary>
internal static class ClusterApi
{
    public static async Task<ClusterView> GetClusterAsync(this HttpClient http) =>
        JsonSerializer.Deserialize(await http.GetStringAsync("/api/cluster"), WireJsonContext.Default.ClusterView)!;

    /// <summary>The <c>dataset</c> region's nodes with their shards and entities.</summary>
    public static async Task<ShardRegionView> GetDatasetShardingAsync(this HttpClient http) =>
        JsonSerializer.Deserialize(await http.GetStringAsync("/api/cluster/sharding"), WireJsonContext.Default.ShardingView)!.Regions.Single(r => r.TypeName == "dataset");
}
