using ActorQueue.Storage;

namespace ActorQueue.Tests.Storage;

/// <summary>The cluster's last known members, kept so that a restarted seed re-joins the survivors.</summary>
public abstract partial class StoreConformanceTests
{
    private static ClusterMemberRecord Member(string nodeId, int port, DateTimeOffset? upSince, params string[] roles) => new()
    {
        Address = $"akka.tcp://actorqueue@10.0.0.5:{port}",
        NodeId = nodeId,
        Name = "name-" + nodeId,
        Roles = roles,
        UpSince = upSince,
    };

    private static (string, string, string, string, DateTimeOffset?, DateTimeOffset) Shape(ClusterMemberRecord m) => (m.Address, m.NodeId, m.Name, string.Join(",", m.Roles), m.UpSince, m.RecordedAt);

    [Fact]
    public async Task No_members_are_known_until_some_are_recorded()
    {
        Assert.Empty(await Store.ReadClusterMembersAsync(None));
    }

    [Fact]
    public async Task Recorded_members_come_back_in_order_with_every_field_stamped_by_the_store_clock()
    {
        var up = Clock.GetUtcNow().AddMinutes(-3);
        Clock.Advance(TimeSpan.FromSeconds(1));

        await Store.RecordClusterMembersAsync(
        [
            Member("seed-1", 4053, up, "seed", "worker"),
            Member("worker-9", 4055, null),
            Member("worker-2", 4054, up.AddSeconds(1), "worker"),
        ], None);

        var now = Clock.GetUtcNow();
        Assert.Equal(
        [
            ("akka.tcp://actorqueue@10.0.0.5:4053", "seed-1", "name-seed-1", "seed,worker", (DateTimeOffset?)up, now),
            ("akka.tcp://actorqueue@10.0.0.5:4055", "worker-9", "name-worker-9", "", null, now),
            ("akka.tcp://actorqueue@10.0.0.5:4054", "worker-2", "name-worker-2", "worker", up.AddSeconds(1), now),
        ], (await Store.ReadClusterMembersAsync(None)).Select(Shape));
    }

    [Fact]
    public async Task Recording_replaces_the_whole_set_and_an_empty_set_forgets_every_member()
    {
        await Store.RecordClusterMembersAsync([Member("seed-1", 4053, null, "seed"), Member("worker-1", 4054, null, "worker")], None);
        Clock.Advance(TimeSpan.FromSeconds(5));

        await Store.RecordClusterMembersAsync([Member("worker-1", 4054, Clock.GetUtcNow(), "worker"), Member("seed-2", 4060, null, "seed")], None);

        var members = await Store.ReadClusterMembersAsync(None);
        Assert.Equal(["worker-1", "seed-2"], members.Select(m => m.NodeId));
        Assert.All(members, m => Assert.Equal(Clock.GetUtcNow(), m.RecordedAt));
        Assert.Equal(Clock.GetUtcNow(), members[0].UpSince);

        await Store.RecordClusterMembersAsync([], None);
        Assert.Empty(await Store.ReadClusterMembersAsync(None));
    }

    [Fact]
    public async Task A_set_that_names_a_node_twice_is_refused_and_the_recorded_set_kept()
    {
        await Store.RecordClusterMembersAsync([Member("seed-1", 4053, null, "seed")], None);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.RecordClusterMembersAsync([Member("worker-1", 4054, null), Member("worker-1", 4055, null)], None));

        Assert.Equal(["seed-1"], (await Store.ReadClusterMembersAsync(None)).Select(m => m.NodeId));
    }
}
