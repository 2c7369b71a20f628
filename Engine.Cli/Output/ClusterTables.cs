using System.Globalization;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Output;

/// <summary>The palette's text, in Petabridge.Cmd's formats (<c>pbm cluster show</c> and friends).</summary>
internal static class ClusterTables
{
    /// <summary><c>address | [roles] | status | reachability | version</c>, one line per member, then <c>Count: N nodes</c>.</summary>
    public static IEnumerable<string> Show(ClusterView cluster)
    {
        foreach (var member in cluster.Members)
        {
            yield return Line(member);
        }
        yield return $"Count: {cluster.Members.Count} nodes";
    }

    public static string Line(MemberView member) =>
        $"{member.Address} | [{string.Join(", ", member.Roles)}] | {member.Status} | {(member.Reachable ? "reachable" : "unreachable")} | {member.Version}";

    /// <summary><c>aq cluster status</c>: the member that answered, the leader, and the counts by status.</summary>
    public static IEnumerable<string> Status(ClusterView cluster)
    {
        var self = cluster.Members.FirstOrDefault(m => m.Id == cluster.Self);
        yield return self is null ? $"{cluster.Self} | not a member yet" : Line(self);
        yield return $"Leader: {cluster.Leader ?? "none"}";
        var counts = cluster.Members.GroupBy(m => m.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        var unreachable = cluster.Members.Count(m => !m.Reachable);
        yield return $"Members: {string.Join(", ", counts)}{(unreachable > 0 ? $", {unreachable} unreachable" : "")}";
    }

    /// <summary>One line of <c>aq cluster tail</c>.</summary>
    public static string Event(MembershipEventView e) =>
        $"[{e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}Z] {e.Kind}: {e.Address}{(e.Name is null ? "" : $" ({e.Name})")} | {e.Status} | {(e.Reachable ? "reachable" : "unreachable")}";

    /// <summary><c>aq cluster sharding regions</c>: one line per shard region, then <c>Count: N regions</c>.</summary>
    public static IEnumerable<string> Regions(ShardingView sharding)
    {
        foreach (var region in sharding.Regions)
        {
            yield return $"{region.TypeName} | [{region.Role}] | nodes: {region.Nodes.Count} | shards: {region.Shards} of {region.ShardCount} | entities: {region.Entities}";
        }
        yield return $"Count: {sharding.Regions.Count} regions";
    }

    /// <summary>
    /// <c>aq cluster sharding region-stats</c>, pbm's format: per region its name, then per node
    /// <c>address | [roles] | status | | version | shards: N | entities: N</c>, then <c>Count: N nodes</c>.
    /// </summary>
    public static IEnumerable<string> RegionStats(ShardingView sharding)
    {
        foreach (var region in sharding.Regions)
        {
            yield return $"{region.TypeName}:";
            foreach (var node in region.Nodes)
            {
                var failed = node.FailedShards > 0 ? $" | {node.FailedShards} shard(s) did not answer" : "";
                yield return $"{node.Address} | [{string.Join(", ", node.Roles)}] | {node.Status ?? "unknown"} | | {node.Version} | shards: {node.Shards} | entities: {node.Entities}{failed}";
            }
            yield return $"Count: {region.Nodes.Count} nodes";
        }
    }

    public static string Member(MemberView member) => $"{member.Name} ({member.Address}, id {member.Id})";

    public static string Queues(IReadOnlyDictionary<string, int> queues) =>
        string.Join(",", queues.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
}
