using Microsoft.Extensions.Logging;

namespace ActorQueue.Dispatch;

/// <summary>Log events of the queue pullers and job actors. Event ids 2100–2199; the event name is the log's "action".</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(2100, LogLevel.Information, "Queue pools started on {NodeName}: {Queues}", EventName = "PoolsStarted")]
    public static partial void PoolsStarted(ILogger logger, string nodeName, string queues);

    [LoggerMessage(2101, LogLevel.Debug, "Job {JobId} ({Kind}) started on queue {Queue}, attempt {Attempt}", EventName = "JobStarted")]
    public static partial void JobStarted(ILogger logger, string jobId, string kind, string queue, int attempt);

    [LoggerMessage(2102, LogLevel.Debug, "Job {JobId} ({Kind}) on queue {Queue}, attempt {Attempt}: {Outcome}", EventName = "JobFinished")]
    public static partial void JobFinished(ILogger logger, string jobId, string kind, string queue, int attempt, string outcome);

    // Debug: the failed attempt itself is the one warning (JobAttemptFailed or JobDiscarded); the restart is a detail.
    [LoggerMessage(2103, LogLevel.Debug, "The handler of job {JobId} ({Kind}) threw on attempt {Attempt}; its actor restarts with a fresh scope", EventName = "HandlerCrashed")]
    public static partial void HandlerCrashed(ILogger logger, string jobId, string kind, int attempt, Exception exception);

    [LoggerMessage(2104, LogLevel.Warning, "Job {JobId} attempt {Attempt} was taken from this node before it finished; its result is dropped", EventName = "FinishFenced")]
    public static partial void FinishFenced(ILogger logger, string jobId, int attempt);

    [LoggerMessage(2105, LogLevel.Error, "Could not record the end of {Count} job(s) on queue {Queue}; they will be rescued when their leases lapse", EventName = "FinishFailed")]
    public static partial void FinishFailed(ILogger logger, int count, string queue, Exception exception);

    [LoggerMessage(2106, LogLevel.Error, "Claiming from queue {Queue} failed; trying again at the next poll", EventName = "ClaimFailed")]
    public static partial void ClaimFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(2107, LogLevel.Warning, "Queue {Queue}: {Count} job(s) still running at the shutdown deadline were stopped and handed back", EventName = "DrainDeadline")]
    public static partial void DrainDeadline(ILogger logger, string queue, int count);

    [LoggerMessage(2108, LogLevel.Information, "Draining: waiting up to {Seconds} s for {Count} running job(s)", EventName = "NodeDraining")]
    public static partial void NodeDraining(ILogger logger, double seconds, int count);

    [LoggerMessage(2109, LogLevel.Error, "Lease renewal on queue {Queue} failed; jobs are safe until their leases lapse", EventName = "LeaseRenewalFailed")]
    public static partial void LeaseRenewalFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(2110, LogLevel.Warning, "Job {JobId} was lost by this node (rescued elsewhere); stopping its attempt", EventName = "LeaseLost")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(2111, LogLevel.Critical, "The ledger says this node was removed from the cluster; it can no longer take or finish work and stops now: {Detail}", EventName = "NodeFenced")]
    public static partial void NodeFenced(ILogger logger, string detail);

    [LoggerMessage(2112, LogLevel.Information, "Queue {Queue} drained: every attempt it held ended", EventName = "QueueDrained")]
    public static partial void QueueDrained(ILogger logger, string queue);

    [LoggerMessage(2113, LogLevel.Information, "Job {JobId} ({Kind}) completed on queue {Queue}, attempt {Attempt}: ran {RunMs} ms, {TotalMs} ms after it was enqueued", EventName = "JobCompleted")]
    public static partial void JobCompleted(ILogger logger, string jobId, string kind, string queue, int attempt, double runMs, double totalMs);

    [LoggerMessage(2114, LogLevel.Warning, "Job {JobId} ({Kind}) attempt {Attempt} of {MaxAttempts} failed after {RunMs} ms: {Error}. It runs again in {RetryInSeconds} s", EventName = "JobAttemptFailed")]
    public static partial void AttemptFailed(ILogger logger, string jobId, string kind, int attempt, int maxAttempts, double runMs, string error, double retryInSeconds, Exception? exception);

    [LoggerMessage(2115, LogLevel.Warning, "Job {JobId} ({Kind}) was discarded after attempt {Attempt} of {MaxAttempts}: {Error}. It is in the dead-letter queue (aq dlq list; aq jobs retry ID re-drives it)", EventName = "JobDiscarded")]
    public static partial void Discarded(ILogger logger, string jobId, string kind, int attempt, int maxAttempts, string error, Exception? exception);
}
