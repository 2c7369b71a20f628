using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using ActorQueue.Datasets.Sharding;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>Maps the directory's members to their wire form, with what each runs: jobs (the ledger) and dataset entities (its shard region).</summary>
internal static class ClusterViews
{
    public static async Task<IReadOnlyList<MemberView>> MembersAsync(IEnumerable<MemberInfo> members, IStore store, DatasetPlacement placement, CancellationToken cancellationToken)
    {
        var running = store.CountRunningByNodeAsync(cancellationToken);
        var regions = await placement.RegionStatesAsync(cancellationToken);
        var datasets = regions.ToDictionary(r => r.Member.Id, r => r.EntityCount, StringComparer.Ordinal);
        var jobs = await running;
        return [.. members.Select(m => From(m, jobs.GetValueOrDefault(m.Id), datasets.GetValueOrDefault(m.Id)))];
    }

    public static MemberView From(MemberInfo member, int runningJobs = 0, int datasets = 0) => new()
    {
        Id = member.Id,
        Name = member.Name,
        Role = member.Roles.Contains(AkkaNodeSettings.SeedRole) ? AkkaNodeSettings.SeedRole : AkkaNodeSettings.WorkerRole,
        Roles = member.Roles,
        Address = member.Address,
        Status = member.Status,
        Reachable = member.Reachable,
        UpSince = member.UpSince,
        Version = member.Version,
        Queues = member.Capabilities?.Queues ?? new Dictionary<string, int>(),
        Kinds = member.Capabilities?.Kinds ?? new Dictionary<string, string>(),
        RunningJobs = runningJobs,
        Datasets = datasets,
        StartedAt = member.Capabilities?.StartedAt,
    };
}
