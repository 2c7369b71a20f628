using ActorQueue.Cli.Client;

namespace ActorQueue.Cli.Bench;

/// <summary>
/// Runs a bench: the throughput run (<see cref="SubmissionPhase"/> then <see cref="CompletionPhase"/>)
/// and the latency run (<see cref="LatencyProbe"/>), all under one hard duration limit. When the limit
/// fires the report says so and carries what was measured up to then.
/// </summary>
internal sealed class LoadGenerator(SeedClient client, BenchSettings settings, TimeProvider time, TextWriter progress)
{
    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        using var limitSource = new CancellationTokenSource(settings.DurationLimit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limitSource.Token);
        var limit = linked.Token;

        if (settings.WarmupJobs > 0)
        {
            await WarmUpAsync(limit);
        }

        progress.WriteLine($"Submitting {settings.Jobs:N0} '{settings.Kind}' jobs "
            + (settings.Batch == 1 ? "one request each" : $"in batches of {settings.Batch:N0}")
            + $" with {settings.Concurrency} submitter(s) to {client.Settings.Display}…");
        var started = time.GetTimestamp();
        var tallies = await new SubmissionPhase(client, settings).RunAsync(limit);
        var submitSeconds = time.GetElapsedTime(started).TotalSeconds;
        var submitted = tallies.Sum(t => t.Accepted);
        var submitFailures = tallies.Sum(t => t.Failed);

        var completion = new CompletionPhase(client, settings, time);
        var allFinal = false;
        int? failedJobs = null;
        double seconds;
        try
        {
            if (!limit.IsCancellationRequested)
            {
                progress.WriteLine($"Sent {submitted:N0} in {submitSeconds:0.00} s; waiting until every job is final…");
            }

            await completion.WaitAllFinalAsync(tallies, limit);
            allFinal = true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The duration limit fired; report what was measured.
        }
        finally
        {
            seconds = time.GetElapsedTime(started).TotalSeconds;
        }

        var probe = new LatencyProbe(client, settings, time);
        try
        {
            if (allFinal)
            {
                failedJobs = await completion.CountFailedAsync(tallies, limit);
                if (settings.LatencyRoundTrips > 0)
                {
                    progress.WriteLine($"Measuring {settings.LatencyRoundTrips:N0} sequential submit-to-result round trips…");
                }

                await probe.RunAsync(limit);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        var stoppedByLimit = limitSource.IsCancellationRequested;
        if (stoppedByLimit)
        {
            progress.WriteLine($"Stopped by the duration limit of {settings.DurationLimit.TotalSeconds:0.###} s.");
        }

        return new BenchReport
        {
            Jobs = settings.Jobs,
            Submitted = submitted,
            Seconds = Math.Round(seconds, 3),
            JobsPerSecond = seconds > 0 ? Math.Round(submitted / seconds, 1) : 0,
            Failures = submitFailures + (failedJobs ?? 0),
            SubmitFailures = submitFailures,
            FailedJobs = failedJobs,
            SubmitSeconds = Math.Round(submitSeconds, 3),
            Complete = allFinal && submitted + submitFailures == settings.Jobs,
            StoppedByLimit = stoppedByLimit,
            Batch = settings.Batch,
            Concurrency = settings.Concurrency,
            Kind = settings.Kind,
            Latency = LatencyReport.From(probe.Stats, settings.LatencyRoundTrips, probe.Failures),
        };
    }

    /// <summary>
    /// The same workload, untimed, so that neither this process nor the seed is still compiling its hot
    /// paths (tiered JIT) when the measured run starts.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken limit)
    {
        progress.WriteLine($"Warming up with {settings.WarmupJobs:N0} jobs (not measured)…");
        var warmup = settings with { Jobs = settings.WarmupJobs };
        var tallies = await new SubmissionPhase(client, warmup).RunAsync(limit);
        try
        {
            await new CompletionPhase(client, warmup, time).WaitAllFinalAsync(tallies, limit);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // The duration limit covers the warm-up too; the measured run then reports the stop.
        }
    }
}
