namespace ActorQueue.Jobs;

/// <summary>Filters for listing jobs, newest first; <see cref="After"/> is the id the previous page ended at.</summary>
public sealed record JobQuery
{
    public JobState? State { get; init; }
    public string? Queue { get; init; }
    public string? Kind { get; init; }
    public int Limit { get; init; } = 50;
    public string? After { get; init; }
}

public sealed record JobPage(IReadOnlyList<Job> Jobs, string? Next);

/// <summary>One row of the jobs-by-queue-and-state gauge.</summary>
public sealed record QueueStateCount(string Queue, JobState State, long Count);
