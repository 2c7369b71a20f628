using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Protocol;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// What the HTTP API and the TCP listener both do with jobs: validate, store, wait, cancel, re-drive.
/// Waiting is driven by the store's change signals, never by polling the database.
/// </summary>
internal sealed class JobGateway(IStore store, JobSubmissionValidator validator, JobInstruments metrics, TimeProvider time)
{
    public const int MaxBatch = 10_000;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    public Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, CancellationToken cancellationToken) =>
        SubmitAsync(request, store.SubmitAsync, cancellationToken);

    /// <summary>Validates <paramref name="request"/>, then stores it with <paramref name="insert"/> (e.g. together with the blobs it names).</summary>
    public async Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, Func<JobSubmission, CancellationToken, Task<SubmitResult>> insert,
        CancellationToken cancellationToken)
    {
        var submission = Validate(request, prefix: null);
        var result = await insert(submission, cancellationToken);
        if (!result.Existing)
        {
            metrics.Submitted(submission.Queue);
        }
        return new SubmitJobResponse(result.Id, JobViews.Wire(result.State), result.EnqueuedAt, result.Existing);
    }

    public async Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Jobs is not { Count: > 0 } jobs)
        {
            throw RequestRejectedException.Invalid("jobs must be a non-empty array of job submissions.");
        }
        if (jobs.Count > MaxBatch)
        {
            throw RequestRejectedException.Invalid($"A batch holds at most {MaxBatch} jobs; this one has {jobs.Count}.");
        }
        var submissions = new List<JobSubmission>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            submissions.Add(Validate(jobs[i], $"jobs[{i}]: "));
        }
        var results = await store.SubmitBatchAsync(submissions, cancellationToken);
        foreach (var queue in submissions.Zip(results).Where(p => !p.Second.Existing).GroupBy(p => p.First.Queue))
        {
            metrics.Submitted(queue.Key, queue.Count());
        }
        return new SubmitBatchResponse(results.Select(r => r.Id).ToList());
    }

    public async Task<JobView> GetAsync(string id, TimeSpan? wait, CancellationToken cancellationToken)
    {
        if (wait is not { } budget || budget <= TimeSpan.Zero)
        {
            var job = await store.GetAsync(id, cancellationToken) ?? throw RequestRejectedException.NotFound(id);
            return JobViews.From(job);
        }
        return JobViews.From(await WaitForFinalAsync(id, budget < MaxWait ? budget : MaxWait, cancellationToken));
    }

    /// <summary>The jobs of a batch once all are final, or as they are when <paramref name="budget"/> runs out; in the order of <paramref name="ids"/>.</summary>
    public async Task<IReadOnlyList<JobView>> GetAllAsync(IReadOnlyList<string> ids, TimeSpan budget, CancellationToken cancellationToken)
    {
        var limit = budget < MaxWait ? budget : MaxWait;
        var started = time.GetTimestamp();
        var jobs = new List<JobView>(ids.Count);
        foreach (var id in ids)
        {
            // One deadline for the whole batch: each job gets what is left of it (none: read as it is).
            var left = limit - time.GetElapsedTime(started);
            jobs.Add(await GetAsync(id, left > TimeSpan.Zero ? left : null, cancellationToken));
        }
        return jobs;
    }

    /// <summary>The job once it is final, or as it is when <paramref name="budget"/> runs out.</summary>
    private async Task<Job> WaitForFinalAsync(string id, TimeSpan budget, CancellationToken cancellationToken)
    {
        // Watch first, then read: a change between the two is queued in the watch, not lost.
        using var watch = store.Signals.Watch(id);
        var job = await store.GetAsync(id, cancellationToken) ?? throw RequestRejectedException.NotFound(id);
        if (job.State.IsFinal())
        {
            return job;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            await foreach (var change in watch.Changes.ReadAllAsync(timeout.Token))
            {
                if (change.State.IsFinal())
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait budget ran out: answer with the job as it is now.
        }
        return await store.GetAsync(id, cancellationToken) ?? throw RequestRejectedException.NotFound(id);
    }

    public async Task<JobListResponse> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(query, cancellationToken);
        return new JobListResponse(page.Jobs.Select(JobViews.From).ToList(), page.Next);
    }

    public async Task<JobView> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var result = await store.CancelAsync(id, cancellationToken);
        return result.Outcome switch
        {
            CancelOutcome.NotFound => throw RequestRejectedException.NotFound(id),
            CancelOutcome.AlreadyFinal => throw RequestRejectedException.Conflict("Job already finished",
                $"Job {id} is {result.Job!.State.ToWire()}; only waiting or running jobs can be cancelled."),
            _ => JobViews.From(result.Job!),
        };
    }

    public async Task<JobView> RetryAsync(string id, CancellationToken cancellationToken)
    {
        var result = await store.RetryAsync(id, cancellationToken);
        return result.Outcome switch
        {
            RetryOutcome.NotFound => throw RequestRejectedException.NotFound(id),
            RetryOutcome.NotRetryable => throw RequestRejectedException.Conflict("Job cannot be retried",
                $"Job {id} is {result.Job!.State.ToWire()}; only discarded or cancelled jobs can be re-driven."),
            _ => JobViews.From(result.Job!),
        };
    }

    public async Task<RetryAllResponse> RetryAllDiscardedAsync(CancellationToken cancellationToken) =>
        new(await store.RetryAllDiscardedAsync(cancellationToken));

    private JobSubmission Validate(SubmitJobRequest? request, string? prefix)
    {
        var (submission, error) = validator.Validate(request);
        return submission ?? throw RequestRejectedException.Invalid(prefix + error);
    }
}
