namespace ActorQueue.Jobs;

/// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, spread by ±jitter.</summary>
internal sealed class RetryPolicy(JobOptions options)
{
    public TimeSpan DelayAfter(int attempt, double randomUnit)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = Math.Min(options.RetryBaseDelaySeconds * Math.Pow(2, exponent), options.RetryMaxDelaySeconds);
        var spread = 1 + options.RetryJitter * (2 * randomUnit - 1);
        return TimeSpan.FromSeconds(Math.Max(0, seconds * spread));
    }

    /// <summary>The outcome of a failed attempt: retry later, or discard when attempts are used up.</summary>
    public JobOutcome AfterFailure(ClaimedJob job, string message, DateTimeOffset now, double randomUnit) =>
        job.Attempt >= job.MaxAttempts
            ? new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, message) { FailedAt = now }
            : new JobOutcome.Retry(job.Id, job.NodeId, job.Attempt, job.Epoch, message, now + DelayAfter(job.Attempt, randomUnit)) { FailedAt = now };
}
