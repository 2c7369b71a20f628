using System.Collections.Immutable;
using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// Where the dataset entities run, for readers (the seed's HTTP handlers): the node that hosts a dataset's
/// entity, the entities per member, and the sharding palette. Asks the regions themselves
/// (<see cref="GetShardRegionState"/> to each worker member's <c>/system/sharding/dataset</c>) and the
/// coordinator (<see cref="GetClusterShardingStats"/>), so an answer never starts an entity.
/// </summary>
internal sealed class DatasetPlacement(ActorSystem system, MembershipView membership)
{
    /// <summary>How long a region may take to answer; a member that does not answer in time shows no entities.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>One region's answer: the member and its shards with their entity ids (null when it did not answer).</summary>
    public sealed record RegionState(MemberInfo Member, IReadOnlyDictionary<string, IImmutableSet<string>>? Shards, int FailedShards)
    {
        public int EntityCount => Shards?.Values.Sum(s => s.Count) ?? 0;

        public bool Hosts(string datasetId) => Shards is not null && Shards.Values.Any(s => s.Contains(datasetId));
    }

    /// <summary>Every reachable worker member's region, asked at once.</summary>
    public async Task<IReadOnlyList<RegionState>> RegionStatesAsync(CancellationToken cancellationToken)
    {
        var workers = membership.Current.Members
            .Where(m => m.Roles.Contains(AkkaNodeSettings.WorkerRole) && m.Reachable && m.Status is "up" or "leaving" or "exiting")
            .ToList();
        return await Task.WhenAll(workers.Select(member => AskRegionAsync(member, cancellationToken)));
    }

    /// <summary>The member whose region hosts the dataset's entity now, or null.</summary>
    public async Task<MemberInfo?> HostOfAsync(string datasetId, CancellationToken cancellationToken) =>
        (await RegionStatesAsync(cancellationToken)).FirstOrDefault(r => r.Hosts(datasetId))?.Member;

    /// <summary>Entity id → the member hosting it, for every entity running now.</summary>
    public async Task<IReadOnlyDictionary<string, MemberInfo>> HostsAsync(CancellationToken cancellationToken)
    {
        var hosts = new Dictionary<string, MemberInfo>(StringComparer.Ordinal);
        foreach (var region in await RegionStatesAsync(cancellationToken))
        {
            foreach (var entity in region.Shards?.Values.SelectMany(s => s) ?? [])
            {
                hosts[entity] = region.Member;
            }
        }
        return hosts;
    }

    /// <summary>The coordinator's view: every region's address with its shards and entity counts.</summary>
    public async Task<ClusterShardingStats> ClusterStatsAsync(CancellationToken cancellationToken)
    {
        var region = await ActorRegistry.For(system).GetAsync<DatasetRegion>(cancellationToken);
        return await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(QueryTimeout), QueryTimeout + TimeSpan.FromSeconds(1), cancellationToken);
    }

    private async Task<RegionState> AskRegionAsync(MemberInfo member, CancellationToken cancellationToken)
    {
        try
        {
            var state = await system.ActorSelection($"{member.Address}/system/sharding/{DatasetRegion.TypeName}")
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, QueryTimeout, cancellationToken);
            return new RegionState(member, state.Shards.ToDictionary(s => s.ShardId, s => s.EntityIds, StringComparer.Ordinal), state.Failed.Count);
        }
        catch (AskTimeoutException)
        {
            return new RegionState(member, null, 0);
        }
    }
}
