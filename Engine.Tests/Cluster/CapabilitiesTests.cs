using System.Net;
using System.Text;
using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Cluster;

/// <summary>A seed accepts the job kinds its members advertise, in the queue they advertise for them.</summary>
[Trait("Category", "Integration")]
public sealed class CapabilitiesTests
{
    [Fact]
    public async Task A_kind_only_a_worker_member_has_is_accepted_into_its_default_queue_and_an_unknown_one_is_refused()
    {
        await using var seed = await SeedServer.StartAsync(["--workers", "false"]);
        var store = seed.Services.GetRequiredService<IStore>();
        var now = DateTimeOffset.UtcNow;
        await store.UpsertNodeAsync(new NodeRecord
        {
            Id = "worker-mail", Name = "mailer", Role = NodeRole.Worker, StartedAt = now, HeartbeatAt = now,
            Kinds = new Dictionary<string, string> { ["mail.welcome"] = "mail" },
        }, CancellationToken.None);

        var accepted = await seed.Http.SubmitAsync("""{"kind":"mail.welcome","payload":{"to":"ada@example.com"}}""");
        var job = await seed.Http.GetJobAsync(accepted.Id);
        Assert.Equal("mail", job.Queue);
        Assert.Equal(JobStateName.Available, job.State);

        using var refused = await seed.Http.PostAsync("/api/jobs", new StringContent("""{"kind":"mail.goodbye"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Unknown job kind 'mail.goodbye'. Known kinds: echo, fail, image.thumbnail, mail.welcome, sleep.", (await refused.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task A_kind_of_a_member_that_left_is_forgotten_once_the_snapshot_is_a_few_seconds_old()
    {
        using var directory = new TempDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var store = SqliteStore.Open(directory.File("kinds.db"), new JobOptions(), clock);
        await store.UpsertNodeAsync(new NodeRecord
        {
            Id = "worker-mail", Name = "mailer", Role = NodeRole.Worker, StartedAt = clock.GetUtcNow(), HeartbeatAt = clock.GetUtcNow(),
            Kinds = new Dictionary<string, string> { ["mail.welcome"] = "mail" },
        }, CancellationToken.None);
        var registry = new JobHandlerRegistry([]);
        var self = new NodeIdentity("seed", NodeRole.Seed, null, clock.GetUtcNow());
        using var kinds = new ClusterKinds(registry, new LocalKinds(registry, []), self, store, clock);

        Assert.Equal("mail", await kinds.DefaultQueueOfAsync("mail.welcome", CancellationToken.None));
        await store.SetNodeStatusAsync("worker-mail", NodeStatus.Left, CancellationToken.None);
        Assert.Equal("mail", await kinds.DefaultQueueOfAsync("mail.welcome", CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(await kinds.DefaultQueueOfAsync("mail.welcome", CancellationToken.None));
    }
}
