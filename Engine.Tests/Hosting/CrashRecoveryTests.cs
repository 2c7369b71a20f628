using System.Text.Json;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Hosting;

/// <summary>kill -9 of the seed while jobs run or a dataset is processed: after a restart on the same file, every job completes and every row is applied once.</summary>
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

    [Fact]
    public async Task Killing_the_embedded_seed_mid_dataset_and_restarting_it_skips_no_row_and_applies_none_twice()
    {
        using var directory = new TempDirectory();
        var path = directory.File("crash.db");
        var games = GameResults.Generate(30_000, seed: 21);
        string id;
        await using (var first = await SeedProcess.StartAsync(path, "--Datasets:BatchSize=100"))
        {
            id = (await first.Http.CreateDatasetAsync()).Id;
            await first.Http.UploadAsync(id, games.ToCsv());
            await Eventually.HoldsAsync(async () => (await first.Http.GetDatasetAsync(id)).RowsProcessed > 0, "the dataset to be under way");
            await first.KillAsync();
        }

        await using var second = await SeedProcess.StartAsync(path, "--Datasets:BatchSize=100");
        var resumedFrom = (await second.Http.GetDatasetAsync(id)).RowsProcessed;
        await second.Http.SealAsync(id);
        var done = await second.Http.WaitDatasetFinalAsync(id, seconds: 60);

        Assert.True(resumedFrom < 30_000, "the dataset was done before the kill: nothing was tested");
        Assert.Equal(("completed", 30_000L), (done.Status, done.RowsProcessed));
        games.AssertRunningStats(await second.Http.ResultsAsync(id, pageSize: 5000));
    }
}
