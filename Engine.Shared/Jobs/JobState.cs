namespace ActorQueue.Jobs;

/// <summary>
/// Where a job is in its life: <c>available → running → completed</c>; a failure goes to
/// <c>retryable</c> until its attempts are used up, then <c>discarded</c> (the dead-letter state).
/// </summary>
public enum JobState
{
    Available,
    Scheduled,
    Running,
    Retryable,
    Completed,
    Discarded,
    Cancelled,
}

public static class JobStates
{
    /// <summary>A job in a final state never runs again unless it is re-driven.</summary>
    public static bool IsFinal(this JobState state) =>
        state is JobState.Completed or JobState.Discarded or JobState.Cancelled;

    public static string ToWire(this JobState state) => state switch
    {
        JobState.Available => "available",
        JobState.Scheduled => "scheduled",
        JobState.Running => "running",
        JobState.Retryable => "retryable",
        JobState.Completed => "completed",
        JobState.Discarded => "discarded",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static bool TryParse(string? text, out JobState state)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    public static IReadOnlyList<JobState> All { get; } = Enum.GetValues<JobState>();
}
