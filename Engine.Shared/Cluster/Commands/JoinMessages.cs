using ActorQueue.Akka.Serialization;

namespace ActorQueue.Cluster.Commands;

/// <summary>To a process's <see cref="MembershipAgent"/>: join the cluster at <paramref name="SeedAddress"/> (<c>aq cluster join</c>).</summary>
public sealed record JoinCluster(string SeedAddress) : IClusterMessage;

/// <summary>The agent's answer: whether it is joining, and in one sentence what it did or why not.</summary>
public sealed record JoinAnswer(bool Joining, string Detail) : IClusterMessage;
