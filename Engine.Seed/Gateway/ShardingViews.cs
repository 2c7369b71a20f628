using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Protocol;
using Akka.Actor;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// <c>GET /api/cluster/sharding</c>: the <c>dataset</c> region's shards and entities per node, from the shard
/// coordinator (<c>GetClusterShardingStats</c>), or, when it does not answer in time, from each node's region
/// (<c>GetShardRegionState</c>).
/// </summary>
internal static class ShardingViews
{
    public static async Task<ShardingView> FromAsync(DatasetPlacement placement, MembershipSnapshot members, CancellationToken cancellationToken)
    {
        IReadOnlyList<ShardRegionNodeView> nodes;
        try
        {
            var stats = await placement.ClusterStatsAsync(cancellationToken);
            nodes = [.. stats.Regions
                .Select(region => Node(region.Key.ToString(), members, region.Value.Stats.Count, region.Value.Stats.Values.Sum(), region.Value.Failed.Count))
                .OrderBy(n => n.Address, StringComparer.Ordinal)];
        }
        catch (AskTimeoutException)
        {
            var regions = await placement.RegionStatesAsync(cancellationToken);
            nodes = [.. regions
                .Select(r => Node(r.Member.Address, members, r.Shards?.Count ?? 0, r.EntityCount, r.FailedShards))
                .OrderBy(n => n.Address, StringComparer.Ordinal)];
        }
        var dataset = new ShardRegionView
        {
            TypeName = DatasetRegion.TypeName,
            Role = AkkaNodeSettings.WorkerRole,
            ShardCount = DatasetRegion.ShardCount,
            Shards = nodes.Sum(n => n.Shards),
            Entities = nodes.Sum(n => n.Entities),
            Nodes = nodes,
        };
        return new ShardingView([dataset]);
    }

    private static ShardRegionNodeView Node(string address, MembershipSnapshot members, int shards, int entities, int failed)
    {
        var member = members.Members.FirstOrDefault(m => m.Address == address);
        return new ShardRegionNodeView
        {
            Address = address,
            Id = member?.Id,
            Name = member?.Name,
            Roles = member is null ? [] : [.. member.Roles],
            Status = member?.Status,
            Reachable = member?.Reachable ?? false,
            Version = member?.Version,
            Shards = shards,
            Entities = entities,
            FailedShards = failed,
        };
    }
}
