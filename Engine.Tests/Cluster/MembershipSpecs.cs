using System.Net;
using System.Text;
using ActorQueue.Cluster.Directory;
using ActorQueue.Node.Startup;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Cluster;

/// <summary>
/// Membership on Akka.Cluster with several members in one test process (a seed and worker nodes on one
/// PostgreSQL ledger): joining through the seed, the palette's leave and down, the duties singleton's
/// hand-over, and what a worker refuses at start-up. Waits are on the directory's own events.
/// </summary>
[Collection("postgres")]
[Trait("Category", "Cluster")]
public sealed class MembershipSpecs(PostgresServer server) : IAsyncLifetime
{
    // Derived from the cluster settings: a join takes a few gossip rounds (1 s each), a leave a drain and an exit.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private readonly List<IAsyncDisposable> _members = [];
    private string _store = "";
    private SeedServer _seed = null!;

    public async Task InitializeAsync()
    {
        _store = server.Url(await server.CreateDatabaseAsync());
        _seed = await SeedServer.StartOnStoreAsync(_store, ["--name", "gateway"]);
    }

    public async Task DisposeAsync()
    {
        foreach (var member in Enumerable.Reverse(_members))
        {
            await member.DisposeAsync();
        }
        await _seed.DisposeAsync();
    }

    private MembershipView View => _seed.Services.GetRequiredService<MembershipView>();

    private async Task<NodeServer> StartWorkerAsync(string name, params string[] extra)
    {
        var node = await NodeServer.StartAsync(_store, name, ["--seed", _seed.BaseAddress.ToString(), "--queues", "default=2", .. extra]);
        _members.Add(node);
        await WaitAsync(s => s.Members.Any(m => m.Name == name && m.Status == "up" && m.Capabilities is not null), $"{name} to be up at the seed, with what it runs");
        return node;
    }

    private async Task WaitAsync(Func<MembershipSnapshot, bool> condition, string what) =>
        Assert.True(await View.WaitForAsync(condition, Budget, CancellationToken.None), $"timed out waiting for {what}: {string.Join("; ", View.Current.Members.Select(m => $"{m.Name} {m.Status}"))}");

    [Fact]
    public async Task A_worker_joins_the_seeds_cluster_through_its_http_url_and_runs_its_jobs()
    {
        var worker = await StartWorkerAsync("worker-a");

        var member = View.Current.Members.Single(m => m.Name == "worker-a");
        Assert.Equal(["worker"], member.Roles.ToArray());
        Assert.Equal(worker.MemberId, member.Id);
        Assert.Equal(2, member.Capabilities!.Queues["default"]);
        var job = await _seed.Http.SubmitAsync("""{"kind":"echo","payload":{"n":1}}""");
        var done = await _seed.Http.WaitFinalAsync(job.Id);
        Assert.Equal((JobStateName.Completed, worker.MemberId), (done.State, done.Node));
    }

    [Fact]
    public async Task Hints_cross_members_a_worker_starts_a_job_and_the_seeds_waiter_hears_it_finish_with_no_poll_to_fall_back_on()
    {
        // A puller that polls once a minute: the job can only start in time if the seed's "jobs arrived" hint
        // reaches the worker, and ?wait can only answer if the worker's "job finished" hint reaches the seed.
        var worker = await StartWorkerAsync("worker-hinted", "--Node:PollIntervalSeconds=60");
        await Eventually.HoldsAsync(() => Task.FromResult(worker.Services.GetRequiredService<ActorQueue.Dispatch.DispatchStatus>().Running.ContainsKey("default")),
            "the worker's pool to start");

        var job = await _seed.Http.SubmitAsync("""{"kind":"echo","payload":"hinted"}""");
        var done = await _seed.Http.GetJobAsync(job.Id, wait: 20);

        Assert.Equal((JobStateName.Completed, worker.MemberId), (done.State, done.Node));
    }

    [Fact]
    public async Task Long_jobs_are_not_hoarded_two_workers_of_four_actors_share_sixteen_of_them()
    {
        var first = await StartWorkerAsync("worker-first", "--queues", "default=4");
        var second = await StartWorkerAsync("worker-second", "--queues", "default=4");

        var body = "{\"jobs\":[" + string.Join(",", Enumerable.Repeat("""{"kind":"sleep","payload":{"ms":1000}}""", 16)) + "]}";
        using var response = await _seed.Http.PostAsync("/api/jobs/batch", new StringContent(body, Encoding.UTF8, "application/json"));
        var ids = System.Text.Json.JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), WireJsonContext.Default.SubmitBatchResponse)!.Ids;
        var nodes = new List<string?>();
        foreach (var id in ids)
        {
            nodes.Add((await _seed.Http.WaitFinalAsync(id)).Node);
        }

        // A worker holds no more long jobs than it has actors: each runs its share, not all sixteen.
        var ranOnFirst = nodes.Count(n => n == first.MemberId);
        var ranOnSecond = nodes.Count(n => n == second.MemberId);
        Assert.Equal(16, ranOnFirst + ranOnSecond);
        Assert.InRange(ranOnFirst, 4, 12);
        Assert.InRange(ranOnSecond, 4, 12);
    }

    [Fact]
    public async Task Leave_by_name_drains_the_worker_which_then_leaves_and_no_longer_shows()
    {
        var worker = await StartWorkerAsync("worker-leaving");
        var job = await _seed.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":800}}""");
        await Eventually.HoldsAsync(async () => (await _seed.Http.GetJobAsync(job.Id)).State == JobStateName.Running, "the job to run");

        using var response = await _seed.Http.PostAsync("/api/cluster/members/worker-leaving/leave", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitAsync(s => s.Members.All(m => m.Name != "worker-leaving"), "the worker to be gone");
        var finished = await _seed.Http.GetJobAsync(job.Id);
        Assert.Equal((JobStateName.Completed, 1), (finished.State, finished.Attempt));
        Assert.Equal(0, worker.Services.GetRequiredService<ActorQueue.Hosting.NodeExit>().ExitCode);
    }

    [Fact]
    public async Task Down_by_address_fences_the_worker_in_the_ledger_and_rescues_its_job_at_once()
    {
        var worker = await StartWorkerAsync("worker-downed");
        var job = await _seed.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":60000},"maxAttempts":3}""");
        await Eventually.HoldsAsync(async () => (await _seed.Http.GetJobAsync(job.Id)).State == JobStateName.Running, "the job to run");
        var address = View.Current.Members.Single(m => m.Name == "worker-downed").Address;

        using var response = await _seed.Http.PostAsync($"/api/cluster/members/{Uri.EscapeDataString(address)}/down", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.HoldsAsync(async () => (await _seed.Http.GetJobAsync(job.Id)).Errors.Count == 1, "the job to be rescued");
        var rescued = await _seed.Http.GetJobAsync(job.Id);
        Assert.StartsWith($"rescued: node {worker.MemberId} was removed from the cluster", rescued.Errors.Single().Message, StringComparison.Ordinal);
        var store = _seed.Services.GetRequiredService<IStore>();
        await Assert.ThrowsAsync<NodeFencedException>(() => store.ClaimAsync("default", worker.MemberId, 1, CancellationToken.None));
    }

    [Fact]
    public async Task When_the_seed_leaves_the_duties_singleton_moves_to_a_worker_which_then_promotes_scheduled_jobs()
    {
        var worker = await StartWorkerAsync("worker-heir");
        var scheduled = await _seed.Http.SubmitAsync($$"""{"kind":"echo","payload":1,"runAt":"{{DateTimeOffset.UtcNow.AddSeconds(3):O}}"}""");

        using var leave = await _seed.Http.PostAsync("/api/cluster/members/gateway/leave", null);
        Assert.Equal(HttpStatusCode.Accepted, leave.StatusCode);

        var workerView = worker.Services.GetRequiredService<MembershipView>();
        Assert.True(await workerView.WaitForAsync(s => s.Members.All(m => m.Name != "gateway"), Budget, CancellationToken.None), "the seed to leave");
        var store = worker.Services.GetRequiredService<IStore>();
        await Eventually.HoldsAsync(async () => (await store.GetAsync(scheduled.Id, CancellationToken.None))!.State == ActorQueue.Jobs.JobState.Completed,
            "the scheduled job to be promoted and run without the seed");
    }

    [Fact]
    public async Task Cluster_tail_pushes_a_joining_worker_as_it_happens()
    {
        using var stream = new StreamReader(await _seed.Http.GetStreamAsync("/api/cluster/events"));
        Assert.Contains("event: current", await stream.ReadLineAsync(), StringComparison.Ordinal);

        await StartWorkerAsync("worker-tailed");

        string? line;
        while ((line = await stream.ReadLineAsync().WaitAsync(Budget)) is not null && !(line.Contains("\"name\":\"worker-tailed\"", StringComparison.Ordinal) && line.Contains("\"status\":\"up\"", StringComparison.Ordinal)))
        {
        }
        Assert.NotNull(line);
    }

    [Fact]
    public async Task A_process_waiting_for_its_seed_joins_when_aq_cluster_join_names_it()
    {
        var port = SeedProcess.FreePort();
        var pending = NodeServer.StartAsync(_store, "worker-late",
            ["--seed-node", $"akka.tcp://actorqueue@127.0.0.1:{SeedProcess.FreePort()}", "--akka-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--queues", "default=1"]);

        var address = $"akka.tcp://actorqueue@127.0.0.1:{port}";
        await Eventually.HoldsAsync(async () =>
        {
            using var join = await _seed.Http.PostAsync("/api/cluster/join", new StringContent($$"""{"address":"{{address}}"}""", Encoding.UTF8, "application/json"));
            return join.StatusCode == HttpStatusCode.Accepted;
        }, "the waiting process to accept the join");
        _members.Add(await pending);

        await WaitAsync(s => s.Members.Any(m => m.Address == address && m.Status == "up"), "the late worker to be up");
    }

    [Fact]
    public async Task A_worker_whose_name_is_taken_refuses_to_start_with_a_sentence()
    {
        await StartWorkerAsync("worker-twin");

        var refused = await Assert.ThrowsAsync<NodeStartException>(() => NodeServer.StartAsync(_store, "worker-twin", ["--seed", _seed.BaseAddress.ToString()]));

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("the name 'worker-twin' is taken by member ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_pointed_at_a_seed_of_another_database_refuses_to_start()
    {
        var other = server.Url(await server.CreateDatabaseAsync());

        var refused = await Assert.ThrowsAsync<NodeStartException>(() => NodeServer.StartAsync(other, "worker-lost", ["--seed", _seed.BaseAddress.ToString()]));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("uses another database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_whose_seed_does_not_answer_refuses_to_start()
    {
        var refused = await Assert.ThrowsAsync<NodeStartException>(() =>
            NodeServer.StartAsync(_store, "worker-alone", ["--seed", $"http://127.0.0.1:{SeedProcess.FreePort()}"]));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot be reached", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed-node", "seed:4053", 2, "--seed-node must be an address such as akka.tcp://actorqueue@seed:4053")]
    [InlineData("--seed-node", "akka.tcp://other@seed:4053", 2, "(protocol akka.tcp, system 'actorqueue', a host and a port)")]
    [InlineData("--seed", "akka.tcp://actorqueue@seed:4053", 2, "--seed must be the seed's HTTP URL")]
    [InlineData("--akka-port", "70000", 2, "--akka-port must be a port from 0")]
    public async Task Bad_cluster_flags_stop_a_worker_with_one_sentence(string flag, string value, int exitCode, string sentence)
    {
        var refused = await Assert.ThrowsAsync<NodeStartException>(() => NodeServer.StartAsync(_store, "worker-bad", [flag, value]));

        Assert.Equal(exitCode, refused.ExitCode);
        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_whose_akka_port_is_taken_refuses_to_start_with_a_sentence()
    {
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var refused = await Assert.ThrowsAsync<NodeStartException>(() => NodeServer.StartAsync(_store, "worker-port", ["--seed", _seed.BaseAddress.ToString(), "--akka-port", port]));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"The Akka remoting port 127.0.0.1:{port} cannot be used", refused.Message, StringComparison.Ordinal);
    }
}
