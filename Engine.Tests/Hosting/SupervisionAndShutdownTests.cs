using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Hosting;

/// <summary>Handler crashes restart their actor; SIGTERM drains running jobs; nothing is lost.</summary>
[Trait("Category", "Integration")]
public sealed class SupervisionAndShutdownTests
{
    [Fact]
    public async Task A_handler_that_throws_fails_its_attempt_and_its_actor_restarts_with_a_fresh_handler()
    {
        await using var seed = await SeedServer.StartAsync(
            [.. SeedServer.FastRetries, "--queues", "default=1"],
            services => services.AddSingleton<InstanceCounter>().AddJobHandler<CrashOnceHandler>());

        var submitted = await seed.Http.SubmitAsync("""{"kind":"crash-once","maxAttempts":3}""");
        var job = await seed.Http.WaitFinalAsync(submitted.Id);

        Assert.Equal(JobStateName.Completed, job.State);
        var crashedOn = job.Errors.Single().Message;
        var ranOn = job.Result!.Value.GetProperty("instance").GetInt32();
        Assert.StartsWith("InvalidOperationException: crash in instance ", crashedOn, StringComparison.Ordinal);
        Assert.NotEqual(crashedOn["InvalidOperationException: crash in instance ".Length..], ranOn.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stopping_the_seed_lets_running_jobs_finish_before_it_exits()
    {
        using var directory = new TempDirectory();
        var path = directory.File("drain.db");
        string id;
        await using (var seed = await SeedServer.StartAsync(["--Node:ShutdownTimeoutSeconds=20"], databasePath: path))
        {
            id = (await seed.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":1500}}""")).Id;
            await WaitUntilRunningAsync(seed, id);
            await seed.StopAsync();
        }

        await using var store = SqliteStore.Open(path, new JobOptions(), TimeProvider.System);
        var job = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal(JobState.Completed, job!.State);
    }

    [Fact]
    public async Task A_job_still_running_at_the_shutdown_deadline_is_handed_back_not_lost()
    {
        using var directory = new TempDirectory();
        var path = directory.File("deadline.db");
        string id;
        await using (var seed = await SeedServer.StartAsync(["--Node:ShutdownTimeoutSeconds=0.3"], databasePath: path))
        {
            id = (await seed.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":60000}}""")).Id;
            await WaitUntilRunningAsync(seed, id);
            await seed.StopAsync();
        }

        await using var store = SqliteStore.Open(path, new JobOptions(), TimeProvider.System);
        var job = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal(JobState.Available, job!.State);
        Assert.Equal(0, job.Attempt);
    }

    private static async Task WaitUntilRunningAsync(SeedServer seed, string id)
    {
        using var events = await seed.Http.GetStreamAsync($"/api/jobs/{id}/events");
        using var reader = new StreamReader(events);
        await Seed.JobLifecycleApiTests.ReadUntilAsync(reader, "event: running");
    }

    internal sealed class InstanceCounter
    {
        private int _next;

        public int Next() => Interlocked.Increment(ref _next);
    }

    /// <summary>Throws on the first attempt; reports which handler instance ran.</summary>
    internal sealed class CrashOnceHandler(InstanceCounter counter) : IJobHandler
    {
        private readonly int _instance = counter.Next();

        public string Kind => "crash-once";

        public ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
        {
            if (context.Attempt == 1)
            {
                throw new InvalidOperationException($"crash in instance {_instance}");
            }
            return ValueTask.FromResult<JsonElement?>(JsonDocument.Parse($"{{\"instance\":{_instance}}}").RootElement);
        }
    }
}
