using System.Diagnostics;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Protocol;
using ActorQueue.Storage;
using ActorQueue.Telemetry;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// What the HTTP API and the TCP listener both do with jobs: validate, store, wait, cancel, re-drive.
/// Waiting is driven by the store's change signals, never by polling the database. Each submission runs in a
/// <c>submit</c> span (<see cref="JobTracing"/>) whose <c>traceparent</c> is stored with its jobs.
/// </summary>
internal sealed class JobGateway(IStore store, JobSubmissionValidator validator, JobInstruments metrics, NodeIdentity node, TimeProvider time)
{
    public const int MaxBatch = 10_000;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    public Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, CancellationToken cancellationToken) =>
        SubmitAsync(request, SubmitOrigin.Http, store.SubmitAsync, cancellationToken);

    public Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, SubmitOrigin origin, CancellationToken cancellationToken) =>
        SubmitAsync(request, origin, store.SubmitAsync, cancellationToken);

    /// <summary>Validates <paramref name="request"/>, then stores it with <paramref name="insert"/> (e.g. together with the blobs it names).</summary>
    public Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, Func<JobSubmission, CancellationToken, Task<SubmitResult>> insert,
        CancellationToken cancellationToken) =>
        SubmitAsync(request, SubmitOrigin.Http, insert, cancellationToken);

    private async Task<SubmitJobResponse> SubmitAsync(SubmitJobRequest? request, SubmitOrigin origin,
        Func<JobSubmission, CancellationToken, Task<SubmitResult>> insert, CancellationToken cancellationToken)
    {
        using var activity = JobTracing.StartSubmit(origin.Transport, node.Id, origin.Parent);
        try
        {
            var traceParent = TraceParentFor(activity, origin);
            var submission = Validate(request, prefix: null) with { TraceParent = traceParent };
            var result = await insert(submission, cancellationToken);
            JobTracing.Submitted(activity, submission, result.Id, result.Existing);
            if (!result.Existing)
            {
                metrics.Submitted(submission.Queue);
            }
            return new SubmitJobResponse(result.Id, JobViews.Wire(result.State), result.EnqueuedAt, result.Existing)
            {
                TraceId = result.Existing ? null : TraceParents.TraceIdOf(traceParent),
            };
        }
        catch (Exception exception)
        {
            JobTracing.Failed(activity, exception);
            throw;
        }
    }

    public Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest? request, CancellationToken cancellationToken) =>
        SubmitBatchAsync(request, SubmitOrigin.Http, cancellationToken);

    /// <summary>Validates and stores every job of <paramref name="request"/> in one transaction, under one <c>submit</c> span.</summary>
    public async Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest? request, SubmitOrigin origin, CancellationToken cancellationToken)
    {
        using var activity = JobTracing.StartSubmit(origin.Transport, node.Id, origin.Parent);
        try
        {
            var response = await SubmitBatchAsync(request, TraceParentFor(activity, origin), cancellationToken);
            JobTracing.SubmittedBatch(activity, response.Ids.Count);
            return response;
        }
        catch (Exception exception)
        {
            JobTracing.Failed(activity, exception);
            throw;
        }
    }

    /// <summary>
    /// What the jobs are stored under: the submit span's <c>traceparent</c>; with nobody tracing, the caller's
    /// (TCP) or the current request's, so that the job still names the trace it belongs to.
    /// </summary>
    private static string? TraceParentFor(Activity? submit, SubmitOrigin origin) =>
        TraceParents.Of(submit) ?? (origin.Parent is not null ? origin.TraceParent : TraceParents.Of(Activity.Current));

    private async Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest? request, string? traceParent, CancellationToken cancellationToken)
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
            submissions.Add(Validate(jobs[i], $"jobs[{i}]: ") with { TraceParent = traceParent });
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

    /// <summary>The most one capped re-drive may take (<c>POST /api/dlq/retry?limit=N</c>).</summary>
    public const int MaxRetryLimit = 10_000;

    public async Task<RetryAllResponse> RetryAllDiscardedAsync(CancellationToken cancellationToken) =>
        new(await store.RetryAllDiscardedAsync(cancellationToken));

    /// <summary>Re-drives at most <paramref name="limit"/> dead jobs, oldest first, and says how many are still dead.</summary>
    public async Task<RetryAllResponse> RetryDiscardedAsync(int limit, CancellationToken cancellationToken)
    {
        var retried = await store.RetryDiscardedAsync(limit, cancellationToken);
        var counts = await store.CountByQueueAndStateAsync(cancellationToken);
        return new RetryAllResponse(retried) { Remaining = counts.Where(c => c.State == JobState.Discarded).Sum(c => c.Count) };
    }

    private JobSubmission Validate(SubmitJobRequest? request, string? prefix)
    {
        var (submission, error) = validator.Validate(request);
        return submission ?? throw RequestRejectedException.Invalid(prefix + error);
    }
}
