using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Cluster;

/// <summary>A seed accepts the job kinds and queues its live members advertise, and refuses the rest with a 400 that names what is known.</summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class CapabilitiesTests(PostgresServer server)
{
    [Fact]
    public async Task A_kind_only_a_worker_member_has_is_accepted_into_its_default_queue_and_unknown_kinds_and_queues_are_refused()
    {
        var store = server.Url(await server.CreateDatabaseAsync());
        await using var seed = await SeedServer.StartOnStoreAsync(store, ["--name", "gateway"]);
        await using var worker = await NodeServer.StartAsync(store, "mailer", ["--seed", seed.BaseAddress.ToString(), "--queues", "mail=2"],
            services => services.AddJobHandler<WelcomeMail>());
        await Eventually.HoldsAsync(async () => (await seed.Http.GetClusterAsync()).Members.Any(m => m.Name == "mailer" && m.Kinds.ContainsKey("mail.welcome")),
            "the worker's kinds to reach the seed");

        var accepted = await seed.Http.SubmitAsync("""{"kind":"mail.welcome","payload":{"to":"ada@example.com"}}""");
        var job = await seed.Http.WaitFinalAsync(accepted.Id);
        Assert.Equal(("mail", JobStateName.Completed), (job.Queue, job.State));
        Assert.Equal(worker.MemberId, job.Node);

        var unknownKind = await PostAsync(seed, """{"kind":"mail.goodbye"}""");
        Assert.Equal("Unknown job kind 'mail.goodbye'. Known kinds: echo, fail, image.thumbnail, mail.welcome, sleep.", unknownKind);
        var unknownQueue = await PostAsync(seed, """{"kind":"echo","queue":"defualt"}""");
        Assert.Equal("Unknown queue 'defualt'. Known queues: default, image, mail.", unknownQueue);
    }

    [Fact]
    public void A_kind_of_a_member_that_left_is_forgotten_at_once()
    {
        var registry = new JobHandlerRegistry([]);
        var view = new MembershipView();
        var self = new NodeIdentity("seed", NodeRole.Seed, DateTimeOffset.UnixEpoch);
        var local = new LocalKinds(registry, []);
        var kinds = new ClusterKinds(registry, local, new LocalCapabilities(self, Options.Create(new WorkerNodeOptions()), local, models: null, runsWorkers: false), view);
        var mailer = new MemberInfo
        {
            Id = "10.0.0.7:4054-00000001",
            Address = "akka.tcp://actorqueue@10.0.0.7:4054",
            Roles = ["worker"],
            Status = "up",
            Capabilities = new MemberCapabilities("10.0.0.7:4054-00000001", "mailer", "1.0", DateTimeOffset.UnixEpoch,
                new Dictionary<string, int> { ["mail"] = 2 }, new Dictionary<string, string> { ["mail.welcome"] = "mail" }, []),
        };

        view.Update(new MembershipSnapshot("seed-id", "akka.tcp://actorqueue@seed:4053", null, [mailer]), []);
        Assert.Equal("mail", kinds.DefaultQueueOf("mail.welcome"));
        Assert.True(kinds.IsServed("mail"));

        view.Update(new MembershipSnapshot("seed-id", "akka.tcp://actorqueue@seed:4053", null, ImmutableArray<MemberInfo>.Empty), []);
        Assert.Null(kinds.DefaultQueueOf("mail.welcome"));
        Assert.False(kinds.IsServed("mail"));
    }

    private static async Task<string?> PostAsync(SeedServer seed, string body)
    {
        using var response = await seed.Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.ProblemAsync()).Detail;
    }

    private sealed class WelcomeMail : IJobHandler
    {
        public string Kind => "mail.welcome";

        public string DefaultQueue => "mail";

        public ValueTask<JsonElement?> ExecuteAsync(JobContext job, CancellationToken cancellationToken) =>
            ValueTask.FromResult<JsonElement?>(JsonDocument.Parse("""{"sent":true}""").RootElement);
    }
}
