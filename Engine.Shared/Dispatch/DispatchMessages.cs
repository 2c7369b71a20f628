using ActorQueue.Jobs;

namespace ActorQueue.Dispatch;

// Messages between a queue's puller and its pool of job actors (all local: nothing here crosses the network).

/// <summary>Puller → pool: run this attempt; stop when its token fires.</summary>
internal sealed record RunJob(RunningJob Running)
{
    public ClaimedJob Job => Running.Job;

    /// <summary>How many busy job actors this attempt has been turned away from so far.</summary>
    public int Declines { get; init; }
}

/// <summary>
/// Job actor → puller: the attempt ended so; <paramref name="RunTime"/> is how long the handler ran, and
/// <paramref name="Error"/> what it threw, if it did (for the log of the failed attempt).
/// </summary>
internal sealed record JobFinished(RunJob Run, JobOutcome Outcome, TimeSpan RunTime, Exception? Error = null);

/// <summary>Job actor → puller: busy or cooling down after a crash, so the puller sends the attempt to another actor.</summary>
internal sealed record JobDeclined(RunJob Run);

/// <summary>To a puller: stop this job if it holds it (cancel requested, lease lost).</summary>
internal sealed record StopJob(string JobId, StopReason Reason);

/// <summary>
/// To the pools and each puller: claim nothing more, give back what has not started, let running attempts
/// finish until <paramref name="Deadline"/>, then stop them (their jobs go back to the queue). Answered with
/// <see cref="Drained"/> once every outcome is recorded.
/// </summary>
internal sealed record Drain(TimeSpan Deadline);

/// <summary>A drain is over; <paramref name="Unfinished"/> attempts had to be stopped at the deadline.</summary>
internal sealed record Drained(int Unfinished);

/// <summary>To a puller: jobs may be waiting (a hint, the backup poll, the queue reopened).</summary>
internal sealed record WakeUp
{
    public static readonly WakeUp Instance = new();
}
