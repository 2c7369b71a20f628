using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>Maps the directory's members to their wire form, with the ledger's counts of what each runs.</summary>
internal static class ClusterViews
{
    public static async Task<IReadOnlyList<MemberView>> MembersAsync(IEnumerable<MemberInfo> members, IStore store, CancellationToken cancellationToken)
    {
        var running = await store.CountRunningByNodeAsync(cancellationToken);
        var datasets = await ((IDatasetStore)store).CountDatasetsByOwnerAsync(cancellationToken);
        return [.. members.Select(m => From(m, running.GetValueOrDefault(m.Id), datasets.GetValueOrDefault(m.Id)))];
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
