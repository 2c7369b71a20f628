namespace ActorQueue.Protocol;

/// <summary><c>GET /api/cluster/sharding</c>: every shard region of the cluster, with its shards and entities per node.</summary>
public sealed record ShardingView(IReadOnlyList<ShardRegionView> Regions);

/// <summary>One shard region (entity type), e.g. <c>dataset</c>.</summary>
public sealed record ShardRegionView
{
    public required string TypeName { get; init; }

    /// <summary>The role of the members that host it.</summary>
    public required string Role { get; init; }

    /// <summary>The fixed number of shards entities are hashed into.</summary>
    public int ShardCount { get; init; }

    /// <summary>Shards started now, over every node.</summary>
    public int Shards { get; init; }

    /// <summary>Entities running now, over every node.</summary>
    public int Entities { get; init; }

    public IReadOnlyList<ShardRegionNodeView> Nodes { get; init; } = [];
}

/// <summary>One node's part of a shard region (<c>aq cluster sharding region-stats</c>).</summary>
public sealed record ShardRegionNodeView
{
    /// <summary>The Akka address, <c>akka.tcp://actorqueue@HOST:PORT</c>.</summary>
    public required string Address { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? Status { get; init; }
    public bool Reachable { get; init; } = true;
    public string? Version { get; init; }
    public int Shards { get; init; }
    public int Entities { get; init; }

    /// <summary>Shards that did not answer the query in time (their entities are not counted).</summary>
    public int FailedShards { get; init; }
}
