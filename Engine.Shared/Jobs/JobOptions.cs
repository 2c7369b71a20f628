namespace ActorQueue.Jobs;

/// <summary>Configuration section <c>Jobs</c>: retry backoff, leases and retention.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Attempts when the submitter names none.</summary>
    public int DefaultMaxAttempts { get; set; } = JobDefaults.MaxAttempts;

    /// <summary>First retry delay; doubles with every attempt (with ±<see cref="RetryJitter"/>).</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double RetryMaxDelaySeconds { get; set; } = 3600;

    /// <summary>Fraction of random spread added to each retry delay, so that failed jobs do not retry in lockstep.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>How long a running job's lease lasts without renewal; a node renews at a third of this.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How long completed and cancelled jobs are kept before they are pruned.</summary>
    public double CompletedRetentionHours { get; set; } = 24;

    /// <summary>How long discarded jobs (the dead-letter queue) are kept before they are pruned.</summary>
    public double DiscardedRetentionHours { get; set; } = 24 * 7;

    /// <summary>Largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Log every completed job at Information level with its run time and its time since it was enqueued
    /// (<c>JobCompleted</c>). Off, completions are logged at Debug level only; failed attempts are warnings either way.
    /// </summary>
    public bool LogCompletions { get; set; } = true;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
