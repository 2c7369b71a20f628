using System.Net;
using System.Text.Json;
using ActorQueue.Cluster;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Cluster;

/// <summary>Membership through <c>/api/cluster</c>: the seed as a member, silence, leave and down.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterApiTests : IAsyncLifetime
{
    private SeedServer _seed = null!;

    public async Task InitializeAsync() => _seed = await SeedServer.StartAsync(
        ["--name", "seed-1", "--Cluster:HeartbeatSeconds=0.1", "--Cluster:UnreachableAfterSeconds=0.4", "--Cluster:DownAfterSeconds=0.8"]);

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private IStore Store => _seed.Services.GetRequiredService<IStore>();

    private async Task<ClusterView> ShowAsync() =>
        await _seed.Http.GetClusterAsync();

    /// <summary>A worker member that joined and then went silent, holding one running job.</summary>
    private async Task<(string MemberId, string JobId)> AddSilentWorkerWithAJobAsync(string name)
    {
        var now = DateTimeOffset.UtcNow;
        var memberId = Guid.CreateVersion7().ToString();
        await Store.UpsertNodeAsync(new NodeRecord
        {
            Id = memberId, Name = name, Role = NodeRole.Worker, Address = "10.0.0.9", StartedAt = now, HeartbeatAt = now,
            Queues = new Dictionary<string, int> { ["elsewhere"] = 2 },
        }, CancellationToken.None);
        var job = await Store.SubmitAsync(Submissions.Echo(queue: "elsewhere"), CancellationToken.None);
        Assert.Single(await Store.ClaimAsync("elsewhere", memberId, 1, CancellationToken.None));
        return (memberId, job.Id);
    }

    [Fact]
    public async Task The_seed_lists_itself_as_an_up_member_and_the_leader()
    {
        var cluster = await ShowAsync();

        var self = Assert.Single(cluster.Members, m => m.Id == cluster.Self);
        Assert.Equal(cluster.Self, cluster.Leader);
        Assert.Equal(("seed-1", "seed", "up"), (self.Name, self.Role, self.Status));
        Assert.Equal(32, self.Queues["default"]);
        Assert.InRange(self.HeartbeatAgeMs, 0, 5000);
    }

    [Fact]
    public async Task A_silent_member_becomes_unreachable_then_down_and_its_job_is_rescued()
    {
        var (memberId, jobId) = await AddSilentWorkerWithAJobAsync("worker-silent");
        using var watch = Store.Signals.Watch(jobId);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var change = await watch.Changes.ReadAsync(timeout.Token);

        Assert.Equal(JobState.Available, change.State);
        var member = (await ShowAsync()).Members.Single(m => m.Id == memberId);
        Assert.Equal("down", member.Status);
        var job = await Store.GetAsync(jobId, CancellationToken.None);
        Assert.Contains("rescued", job!.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_fences_a_member_at_once_and_rescues_its_jobs()
    {
        await using var seed = await SeedServer.StartAsync();
        var store = seed.Services.GetRequiredService<IStore>();
        var now = DateTimeOffset.UtcNow;
        await store.UpsertNodeAsync(new NodeRecord { Id = "worker-b", Name = "b", Role = NodeRole.Worker, StartedAt = now, HeartbeatAt = now }, CancellationToken.None);
        var job = await store.SubmitAsync(Submissions.Echo(queue: "elsewhere"), CancellationToken.None);
        var claimed = Assert.Single(await store.ClaimAsync("elsewhere", "worker-b", 1, CancellationToken.None));

        using var response = await seed.Http.PostAsync("/api/cluster/members/worker-b/down", null);
        var body = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.MemberActionResponse)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("down", body.Member.Status);
        Assert.Equal(1, body.RescuedJobs);
        Assert.Equal(JobState.Available, (await store.GetAsync(job.Id, CancellationToken.None))!.State);
        Assert.False(await store.FinishAsync(new JobOutcome.Completed(claimed.Id, "worker-b", claimed.Attempt, claimed.Epoch, null), CancellationToken.None));
        Assert.Equal(NodeStatus.Down, await store.HeartbeatAsync("worker-b", CancellationToken.None));
    }

    [Fact]
    public async Task Leave_asks_a_member_to_drain_and_go()
    {
        var now = DateTimeOffset.UtcNow;
        await Store.UpsertNodeAsync(new NodeRecord { Id = "worker-c", Name = "c", Role = NodeRole.Worker, StartedAt = now, HeartbeatAt = now }, CancellationToken.None);

        using var response = await _seed.Http.PostAsync("/api/cluster/members/worker-c/leave", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(NodeStatus.Leaving, await Store.HeartbeatAsync("worker-c", CancellationToken.None));
    }

    [Theory]
    [InlineData("/api/cluster/members/nobody/down", HttpStatusCode.NotFound, "No cluster member has the id 'nobody'")]
    [InlineData("/api/cluster/members/nobody/leave", HttpStatusCode.NotFound, "No cluster member has the id 'nobody'")]
    public async Task Unknown_members_are_a_404(string url, HttpStatusCode status, string detail)
    {
        using var response = await _seed.Http.PostAsync(url, null);

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(detail, (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_cannot_down_itself()
    {
        var self = (await ShowAsync()).Self;

        using var response = await _seed.Http.PostAsync($"/api/cluster/members/{self}/down", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("use leave", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }
}
