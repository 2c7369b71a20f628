using Akka.Cluster.Sharding;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// Registry key of this member's <c>dataset</c> shard region: the region itself on a worker-role member, a proxy
/// to the workers' regions on any other member. Tell it a <see cref="NudgeDataset"/>.
/// </summary>
internal sealed class DatasetRegion
{
    /// <summary>The region's type name; its actor is <c>/system/sharding/dataset</c> on every worker-role member.</summary>
    public const string TypeName = "dataset";

    /// <summary>
    /// Shards of the <c>dataset</c> region. Fixed for the life of a cluster, since it decides which shard each
    /// dataset belongs to: every member must agree on it, and changing it moves every dataset at once. About ten
    /// times the largest expected number of worker nodes (10 here), so that shards, the unit the coordinator
    /// moves, spread evenly when nodes join and leave, and a rebalance moves a tenth of a node's datasets at a time.
    /// </summary>
    public const int ShardCount = 100;
}

/// <summary>Routes by dataset id; a dataset's shard is a stable hash of its id (MurmurHash, the same on every member).</summary>
internal sealed class DatasetMessageExtractor() : HashCodeMessageExtractor(DatasetRegion.ShardCount)
{
    public override string? EntityId(object message) => (message as IWithDatasetId)?.DatasetId;
}
