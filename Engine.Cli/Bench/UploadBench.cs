using ActorQueue.Cli.Client;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// <c>aq bench --file</c>: the seed documents' stress test. <c>Concurrency</c> clients each upload the file as
/// an image or classify job and wait for its result (<c>?wait=</c> on the upload, then long-polls), then send
/// the next, until <c>Jobs</c> were sent or the duration limit fires. Every job's upload-to-result time is a
/// latency sample, so the histogram and percentiles describe the whole run under that load. A request that
/// fails transiently (5xx, 408, 429, timeout) counts as a failure and the run goes on; a permanent answer
/// (another 4xx, such as an unknown model) or an unreachable seed stops the run with the seed's sentence.
/// </summary>
internal sealed class UploadBench(SeedClient client, BenchSettings settings, UploadTarget target, TimeProvider time, TextWriter progress)
{
    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        using var limitSource = new CancellationTokenSource(settings.DurationLimit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limitSource.Token);
        var limit = linked.Token;

        if (settings.WarmupJobs > 0)
        {
            progress.WriteLine($"Warming up with {settings.WarmupJobs:N0} jobs (not measured)…");
            await RunJobsAsync(settings.WarmupJobs, new Tally(), limit);
        }

        progress.WriteLine($"Sending {target.FileName} ({target.Bytes.Length:N0} bytes) as {settings.Jobs:N0} '{target.JobKind}' jobs "
            + $"from {settings.Concurrency} client(s), each waiting for its result, to {client.Settings.Display}…");
        var tally = new Tally();
        var started = time.GetTimestamp();
        await RunJobsAsync(settings.Jobs, tally, limit);
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        ct.ThrowIfCancellationRequested();

        var stoppedByLimit = limitSource.IsCancellationRequested;
        if (stoppedByLimit)
        {
            progress.WriteLine($"Stopped by the duration limit of {settings.DurationLimit.TotalSeconds:0.###} s.");
        }

        var finished = tally.Completed + tally.FailedJobs;
        return new BenchReport
        {
            Jobs = settings.Jobs,
            Submitted = tally.Accepted,
            Seconds = Math.Round(seconds, 3),
            JobsPerSecond = seconds > 0 ? Math.Round(finished / seconds, 1) : 0,
            Failures = tally.SubmitFailures + tally.FailedJobs,
            SubmitFailures = tally.SubmitFailures,
            FailedJobs = tally.FailedJobs,
            SubmitSeconds = Math.Round(seconds, 3),
            Complete = !stoppedByLimit && finished + tally.SubmitFailures == settings.Jobs,
            StoppedByLimit = stoppedByLimit,
            Batch = 1,
            Concurrency = settings.Concurrency,
            Kind = target.JobKind,
            File = target.FileName,
            Latency = LatencyReport.From(tally.Latency, tally.Accepted + tally.SubmitFailures, tally.SubmitFailures + tally.FailedJobs),
        };
    }

    /// <summary>Sends <paramref name="jobs"/> uploads from the clients; returns when all are final, the limit fires or the run must stop.</summary>
    private async Task RunJobsAsync(int jobs, Tally tally, CancellationToken limit)
    {
        long claimed = 0;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(limit);

        // Clients return quietly when cancelled, so only the error that stopped the run surfaces here.
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => ClientAsync()));

        async Task ClientAsync()
        {
            var ct = abort.Token;
            while (!ct.IsCancellationRequested && Interlocked.Increment(ref claimed) <= jobs)
            {
                var started = time.GetTimestamp();
                try
                {
                    var job = (await target.SubmitAsync(client, ct)).Value;
                    tally.Accept();
                    if (!JobStates.IsFinal(job.State))
                    {
                        job = (await JobWaiter.WaitForFinalAsync(client, job.Id, TimeSpan.FromDays(1), time, ct)).Value;
                    }
                    tally.Finish(job.State, time.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (SeedRequestException ex) when (!ex.IsPermanent)
                {
                    tally.FailSubmit();
                }
                catch (SeedClientException ex) when (ex is not SeedRequestException and not SeedUnreachableException)
                {
                    tally.FailSubmit();
                }
                catch (SeedClientException)
                {
                    await abort.CancelAsync();
                    throw;
                }
            }
        }
    }

    /// <summary>What the clients counted; they run in parallel, so every change is under a lock.</summary>
    private sealed class Tally
    {
        private readonly Lock _lock = new();

        public LatencyStats Latency { get; } = new();

        public int Accepted { get; private set; }

        public int SubmitFailures { get; private set; }

        public int Completed { get; private set; }

        /// <summary>Jobs that ended discarded or cancelled.</summary>
        public int FailedJobs { get; private set; }

        public void Accept()
        {
            lock (_lock)
            {
                Accepted++;
            }
        }

        public void FailSubmit()
        {
            lock (_lock)
            {
                SubmitFailures++;
            }
        }

        public void Finish(JobStateName state, double milliseconds)
        {
            lock (_lock)
            {
                Latency.Add(milliseconds);
                if (state == JobStateName.Completed)
                {
                    Completed++;
                }
                else
                {
                    FailedJobs++;
                }
            }
        }
    }
}
