using System.Text.Json;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Hosting;

/// <summary>kill -9 of the seed while jobs run: after a restart on the same file, every job completes.</summary>
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Killing_the_seed_mid_run_loses_no_job()
    {
        using var directory = new TempDirectory();
        var path = directory.File("crash.db");
        var ids = new List<string>();

        await using (var first = await SeedProcess.StartAsync(path, "--queues", "default=4"))
        {
            for (var i = 0; i < 12; i++)
            {
                ids.Add((await first.Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":1000}}""")).Id);
            }
            for (var i = 0; i < 30; i++)
            {
                ids.Add((await first.Http.SubmitAsync($$"""{"kind":"echo","payload":{{i}}}""")).Id);
            }
            // Wait (server side) until a job is running, then crash.
            await first.Http.GetJobAsync(ids[0], wait: 0.5);
            var running = JsonDocument.Parse(await first.Http.GetStringAsync("/api/jobs?state=running")).RootElement.GetProperty("jobs").GetArrayLength();
            Assert.True(running > 0, "no job was running when the seed was killed");
            await first.KillAsync();
        }

        await using var second = await SeedProcess.StartAsync(path, "--queues", "default=4");
        var rescued = 0;
        foreach (var id in ids)
        {
            var job = await second.Http.WaitFinalAsync(id);
            Assert.Equal(JobStateName.Completed, job.State);
            if (job.Errors.Any(e => e.Message.StartsWith("rescued", StringComparison.Ordinal)))
            {
                rescued++;
                Assert.Equal(2, job.Attempt);
            }
        }
        Assert.True(rescued > 0, "no job shows the rescued attempt");
    }
}
