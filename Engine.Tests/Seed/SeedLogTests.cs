using ActorQueue.Hosting;
using ActorQueue.Protocol;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Tests.Seed;

/// <summary>What a new user reads in the seed's log: where it listens, each job's end, failures once, a quiet stop.</summary>
[Trait("Category", "Integration")]
public sealed class SeedLogTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private SeedServer _seed = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    private async Task StartAsync(params string[] extra) =>
        _seed = await SeedServer.StartAsync(
            [.. SeedServer.FastRetries, "--Logging:LogLevel:Default=Information", .. extra],
            services => services.AddSingleton<ILoggerProvider>(_logs));

    private HttpClient Http => _seed.Http;

    private IEnumerable<CapturedLog> Named(string action) => _logs.Entries.Where(e => e.EventId.Name == action);

    private IEnumerable<CapturedLog> About(string jobId) => _logs.Entries.Where(e => e.Message.Contains(jobId, StringComparison.Ordinal));

    private Task LoggedAsync(string action, string jobId) =>
        Eventually.HoldsAsync(() => Task.FromResult(Named(action).Any(e => e.Message.Contains(jobId, StringComparison.Ordinal))),
            $"{action} for job {jobId}", () => string.Join("\n", About(jobId).Select(e => $"{e.Level} {e.EventId.Name} {e.Message}")));

    [Fact]
    public void Start_up_says_where_the_seed_listens_for_http_tcp_and_akka()
    {
        var http = Assert.Single(Named("HttpListening"));
        Assert.Equal(LogLevel.Information, http.Level);
        Assert.Contains(_seed.BaseAddress.ToString().TrimEnd('/'), http.Message, StringComparison.Ordinal);

        var tcp = Assert.Single(Named("TcpListening"));
        Assert.Equal(LogLevel.Information, tcp.Level);
        Assert.Contains(_seed.Tcp.ToString(), tcp.Message, StringComparison.Ordinal);

        var address = _seed.Services.GetRequiredService<NodeIdentity>().Address;
        Assert.StartsWith("akka.tcp://actorqueue@", address, StringComparison.Ordinal);
        var akka = Assert.Single(Named("AkkaListening"));
        Assert.Equal(LogLevel.Information, akka.Level);
        Assert.Contains(address!, akka.Message, StringComparison.Ordinal);
        Assert.Single(Named("SeedReady"));
    }

    [Fact]
    public async Task A_completed_job_is_logged_at_information_with_its_run_time_and_time_since_enqueue()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":50}}""");
        Assert.Equal(JobStateName.Completed, (await Http.WaitFinalAsync(submitted.Id)).State);

        await LoggedAsync("JobCompleted", submitted.Id);

        var line = Assert.Single(Named("JobCompleted"), e => e.Message.Contains(submitted.Id, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        var match = System.Text.RegularExpressions.Regex.Match(line.Message, @"\(sleep\) completed on queue default, attempt 1: ran ([\d.]+) ms, ([\d.]+) ms after it was enqueued");
        Assert.True(match.Success, line.Message);
        var ran = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var total = double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ran, 45, 10_000);
        Assert.True(total >= ran, line.Message);
    }

    [Fact]
    public async Task Jobs_LogCompletions_false_keeps_completions_out_of_the_information_log()
    {
        await _seed.DisposeAsync();
        await StartAsync("--Jobs:LogCompletions=false");
        var first = await Http.SubmitAsync("""{"kind":"echo"}""");
        await Http.WaitFinalAsync(first.Id);
        // A failure is still logged, and after the completion: once it is there, the completion was recorded too.
        var failing = await Http.SubmitAsync("""{"kind":"fail","maxAttempts":1}""");
        await Http.WaitFinalAsync(failing.Id);
        await LoggedAsync("JobDiscarded", failing.Id);

        Assert.Empty(Named("JobCompleted"));
        Assert.DoesNotContain(About(first.Id), e => e.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task A_failed_attempt_is_one_warning_and_the_discard_one_more_never_an_error()
    {
        var submitted = await Http.SubmitAsync("""{"kind":"fail","payload":{"message":"SMTP refused"},"maxAttempts":2}""");
        Assert.Equal(JobStateName.Discarded, (await Http.WaitFinalAsync(submitted.Id)).State);
        await LoggedAsync("JobDiscarded", submitted.Id);

        var loud = About(submitted.Id).Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.Equal(["JobAttemptFailed", "JobDiscarded"], loud.Select(e => e.EventId.Name));
        Assert.All(loud, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("attempt 1 of 2 failed", loud[0].Message, StringComparison.Ordinal);
        Assert.Contains("SMTP refused", loud[0].Message, StringComparison.Ordinal);
        Assert.Contains("It runs again in", loud[0].Message, StringComparison.Ordinal);
        Assert.Contains("discarded after attempt 2 of 2: SMTP refused", loud[1].Message, StringComparison.Ordinal);
        // Nothing else at warning or above while it failed: no Akka restart error, no crash report.
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_job_discarded_without_an_exception_and_a_timed_out_attempt_are_one_warning_each()
    {
        var bad = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":-1}}""");
        var slow = await Http.SubmitAsync("""{"kind":"sleep","payload":{"ms":5000},"timeoutSeconds":1,"maxAttempts":1}""");
        await Http.WaitFinalAsync(bad.Id);
        await Http.WaitFinalAsync(slow.Id);
        await LoggedAsync("JobDiscarded", bad.Id);
        await LoggedAsync("JobDiscarded", slow.Id);

        Assert.Equal(["JobDiscarded"], About(bad.Id).Where(e => e.Level >= LogLevel.Warning).Select(e => e.EventId.Name));
        Assert.Equal(["JobDiscarded"], About(slow.Id).Where(e => e.Level >= LogLevel.Warning).Select(e => e.EventId.Name));
        Assert.Contains("timed out after 1 s", Named("JobDiscarded").Single(e => e.Message.Contains(slow.Id, StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_stop_logs_no_TcpAcceptFailed_and_no_warning_from_the_listeners()
    {
        // A connection served and closed first, so that the listener has been through its accept loop.
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(_seed.Tcp);
        }

        await _seed.StopAsync();

        Assert.Empty(Named("TcpAcceptFailed"));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("ActorQueue.Seed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_completed_dataset_logs_DatasetCompleted_once_whichever_way_it_completed()
    {
        var csv = GameResults.Generate(300).ToCsv();
        // 1. Rows, then the seal: the dataset actor completes it with its last batch.
        var sealedFirst = await Http.CreateDatasetAsync();
        await Http.UploadAsync(sealedFirst.Id, csv);
        await Http.SealAsync(sealedFirst.Id);
        // 2. Rows all processed before the seal: the seal itself completes it.
        var processedFirst = await Http.CreateDatasetAsync();
        await Http.UploadAsync(processedFirst.Id, csv);
        await Eventually.HoldsAsync(async () => (await Http.GetDatasetAsync(processedFirst.Id)).RowsProcessed == 300, "every row processed before the seal");
        Assert.Equal("completed", (await Http.SealAsync(processedFirst.Id)).Status);
        // 3. No rows at all.
        var empty = await Http.CreateDatasetAsync();
        Assert.Equal("completed", (await Http.SealAsync(empty.Id)).Status);
        await Http.SealAsync(empty.Id); // sealing again completes nothing new

        foreach (var (dataset, rows) in new[] { (sealedFirst, 300), (processedFirst, 300), (empty, 0) })
        {
            Assert.Equal("completed", (await Http.WaitDatasetFinalAsync(dataset.Id)).Status);
            await Eventually.HoldsAsync(() => Task.FromResult(Named("DatasetCompleted").Any(e => e.Message.Contains(dataset.Id, StringComparison.Ordinal))),
                $"DatasetCompleted for {dataset.Id}");
            var line = Assert.Single(Named("DatasetCompleted"), e => e.Message.Contains(dataset.Id, StringComparison.Ordinal));
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Contains($"completed: {rows} row(s) processed", line.Message, StringComparison.Ordinal);
        }
    }
}
