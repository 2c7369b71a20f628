namespace ActorQueue.Jobs;

/// <summary>
/// A job this node holds a lease on. <see cref="Epoch"/> fences it: every write that finishes the attempt
/// or renews its lease must match node and epoch, so a node that lost the job cannot finish it.
/// </summary>
public sealed record ClaimedJob
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Queue { get; init; }
    public required int Attempt { get; init; }
    public required int MaxAttempts { get; init; }
    public int Priority { get; init; }
    public string? Payload { get; init; }
    public int? TimeoutSeconds { get; init; }
    public DateTimeOffset EnqueuedAt { get; init; }
    public required string NodeId { get; init; }

    /// <summary>
    /// The claim epoch: raised by one on every claim of the job and never lowered (unlike
    /// <see cref="Attempt"/>, which a hand-back gives back), so two claims of one job never share it.
    /// </summary>
    public required long Epoch { get; init; }

    /// <summary>The store's own key for the row (0 when it has none), so finishing needs no lookup by id.</summary>
    public long RowKey { get; init; }

    /// <summary>The W3C <c>traceparent</c> the job was submitted under: the parent of this attempt's spans.</summary>
    public string? TraceParent { get; init; }
}
