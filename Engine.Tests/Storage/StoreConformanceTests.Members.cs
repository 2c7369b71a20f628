using ActorQueue.Cluster;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Storage;

public abstract partial class StoreConformanceTests
{
    private async Task JoinAsync(string id, NodeRole role = NodeRole.Worker, Dictionary<string, string>? kinds = null) =>
        await Store.UpsertNodeAsync(new NodeRecord
        {
            Id = id, Name = "name-" + id, Role = role, Address = "10.0.0.1:8080", StartedAt = Clock.GetUtcNow(), HeartbeatAt = Clock.GetUtcNow(),
            Queues = new Dictionary<string, int> { ["default"] = 4 },
            Kinds = kinds ?? new Dictionary<string, string> { ["echo"] = "default" },
        }, None);

    [Fact]
    public async Task A_member_is_recorded_with_its_queues_and_kinds()
    {
        await JoinAsync("node-a", kinds: new Dictionary<string, string> { ["mail.send"] = "mail" });

        var member = Assert.Single(await Store.ListNodesAsync(None));

        Assert.Equal(("name-node-a", NodeRole.Worker, NodeStatus.Up, "10.0.0.1:8080"), (member.Name, member.Role, member.Status, member.Address));
        Assert.Equal(4, member.Queues["default"]);
        Assert.Equal("mail", member.Kinds["mail.send"]);
        Assert.Equal(Clock.GetUtcNow(), member.HeartbeatAt);
    }

    [Fact]
    public async Task A_member_that_can_no_longer_run_a_kind_advertises_that_without_changing_its_status_or_heartbeat()
    {
        await JoinAsync("node-a", kinds: new Dictionary<string, string> { ["echo"] = "default", ["inference.classify"] = "inference" });
        await Store.SetNodeStatusAsync("node-a", NodeStatus.Leaving, None);
        Clock.Advance(TimeSpan.FromSeconds(5));

        await Store.SetNodeCapabilitiesAsync("node-a", new Dictionary<string, int> { ["default"] = 4 }, new Dictionary<string, string> { ["echo"] = "default" }, None);

        var member = Assert.Single(await Store.ListNodesAsync(None));
        Assert.Equal(["echo"], member.Kinds.Keys);
        Assert.Equal(["default"], member.Queues.Keys);
        Assert.Equal((NodeStatus.Leaving, Clock.GetUtcNow().AddSeconds(-5)), (member.Status, member.HeartbeatAt));
    }

    [Fact]
    public async Task A_member_advertises_its_models_at_join_and_when_they_change()
    {
        await Store.UpsertNodeAsync(new NodeRecord
        {
            Id = "node-a", Name = "a", Role = NodeRole.Worker, StartedAt = Clock.GetUtcNow(), HeartbeatAt = Clock.GetUtcNow(),
            Models = [new ModelRecord { Name = "colours", State = ModelRecord.Loading, Input = "pixels", InputShape = [-1, 3, 32, 32], MaxBatch = 8 }],
        }, None);
        var joined = Assert.Single(Assert.Single(await Store.ListNodesAsync(None)).Models);

        await Store.SetNodeModelsAsync("node-a",
        [
            joined with { State = ModelRecord.Ready, Outputs = [new ModelOutputRecord("scores", [-1, 8])], LabelCount = 8 },
            new ModelRecord { Name = "squeezenet", State = ModelRecord.Failed, Error = "Model 'squeezenet': model.json does not declare \"mean\"." },
        ], None);

        var models = Assert.Single(await Store.ListNodesAsync(None)).Models;
        Assert.Equal(("colours", ModelRecord.Loading, "pixels", 8), (joined.Name, joined.State, joined.Input, joined.MaxBatch));
        Assert.Equal([-1L, 3, 32, 32], joined.InputShape!);
        Assert.Equal([("colours", ModelRecord.Ready), ("squeezenet", ModelRecord.Failed)], models.Select(m => (m.Name, m.State)));
        Assert.Equal(("scores", 8), (models[0].Outputs.Single().Name, models[0].LabelCount));
        Assert.Equal([-1L, 8], models[0].Outputs.Single().Shape);
        Assert.Equal("Model 'squeezenet': model.json does not declare \"mean\".", models[1].Error);
    }

    [Fact]
    public async Task Silence_makes_a_member_unreachable_then_down_and_a_heartbeat_brings_an_unreachable_one_back()
    {
        await JoinAsync("node-a");
        await JoinAsync("node-b");
        Clock.Advance(TimeSpan.FromSeconds(15));
        await Store.HeartbeatAsync("node-b", None);

        var first = await Store.MarkSilentMembersAsync(Clock.GetUtcNow().AddSeconds(-10), Clock.GetUtcNow().AddSeconds(-30), None);
        Assert.Equal([("node-a", NodeStatus.Unreachable)], first.Select(m => (m.Id, m.Status)));

        Assert.Equal(NodeStatus.Up, await Store.HeartbeatAsync("node-a", None));
        Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await Store.MarkSilentMembersAsync(Clock.GetUtcNow().AddSeconds(-10), Clock.GetUtcNow().AddSeconds(-30), None);

        Assert.Equal([("node-a", NodeStatus.Down), ("node-b", NodeStatus.Down)], second.Select(m => (m.Id, m.Status)).Order());
        Assert.Equal(NodeStatus.Down, await Store.HeartbeatAsync("node-a", None));
        Assert.Null(await Store.HeartbeatAsync("never-joined", None));
    }

    [Fact]
    public async Task Running_jobs_are_counted_per_member()
    {
        await Store.SubmitBatchAsync([Submissions.Echo(), Submissions.Echo(), Submissions.Echo()], None);
        await Store.ClaimAsync("default", "node-a", 2, None);
        await Store.ClaimAsync("default", "node-b", 1, None);

        var counts = await Store.CountRunningByNodeAsync(None);

        Assert.Equal(2, counts["node-a"]);
        Assert.Equal(1, counts["node-b"]);
    }

    [Fact]
    public async Task The_leader_is_recorded_and_the_leader_lock_can_be_taken_and_given_back()
    {
        Assert.Null(await Store.GetLeaderAsync(None));
        await using var leaderLock = Store.CreateLeaderLock();

        Assert.True(await leaderLock.TryAcquireAsync(None));
        Assert.True(await leaderLock.StillHeldAsync(None));
        await Store.RecordLeaderAsync("node-a", None);
        await Store.RecordLeaderAsync("node-b", None);

        Assert.Equal("node-b", await Store.GetLeaderAsync(None));
        await leaderLock.ReleaseAsync(None);
        Assert.True(await leaderLock.TryAcquireAsync(None));
    }
}
