namespace ActorQueue.Protocol;

/// <summary>
/// One event of <c>GET /api/dashboard/stream</c>: the whole picture the dashboard draws, pushed every second
/// and when membership changes. <see cref="Series"/> carries the complete seconds not sent before (the whole
/// kept history in a connection's first event, the last few seconds after that: merge by <c>t</c>).
/// </summary>
public sealed record DashboardSnapshot
{
    public required DateTimeOffset At { get; init; }

    /// <summary><c>embedded</c> (one process on SQLite) or <c>cluster</c> (PostgreSQL, any number of members).</summary>
    public required string Mode { get; init; }

    /// <summary>What the store points at, without secrets.</summary>
    public required string Store { get; init; }

    /// <summary>The name of the seed that answers.</summary>
    public required string Seed { get; init; }

    public IReadOnlyList<ThroughputPoint> Series { get; init; } = [];

    /// <summary>Counted since this seed started.</summary>
    public required JobTotals Totals { get; init; }

    /// <summary>Enqueue to completion of the jobs completed in the last minute.</summary>
    public required LatencyView Latency { get; init; }

    /// <summary>Every queue that holds jobs or that a live member serves, by name.</summary>
    public IReadOnlyList<QueueDepthView> Queues { get; init; } = [];

    /// <summary>The most recently created datasets (at most 50), newest first.</summary>
    public IReadOnlyList<DatasetProgressView> Datasets { get; init; } = [];

    public IReadOnlyList<MemberView> Members { get; init; } = [];

    /// <summary>The leader's address.</summary>
    public string? Leader { get; init; }

    /// <summary>Grows with every job change this seed hears of: a page showing jobs reloads when it moves.</summary>
    public long Changes { get; init; }

    /// <summary>True when the job counts are older than this event (counting is slow on a big table and is then done less often).</summary>
    public bool CountsStale { get; init; }
}

/// <summary>
/// One second (<c>t</c>, Unix seconds) of job traffic: jobs accepted by this seed, and attempts that completed or
/// failed anywhere in the cluster.
/// </summary>
public sealed record ThroughputPoint(long T, int Submitted, int Completed, int Failed);

public sealed record JobTotals(long Submitted, long Completed, long Failed);

/// <summary>Percentiles in seconds over <see cref="Count"/> completions (null when there were none).</summary>
public sealed record LatencyView(int Count, double? P50, double? P95, double? P99);

/// <summary>A queue's jobs by state, and the size of the pools that serve it on live members.</summary>
public sealed record QueueDepthView
{
    public required string Queue { get; init; }
    public int Workers { get; init; }
    public long Available { get; init; }
    public long Scheduled { get; init; }
    public long Running { get; init; }
    public long Retryable { get; init; }
    public long Completed { get; init; }
    public long Discarded { get; init; }
    public long Cancelled { get; init; }
}

/// <summary>A dataset's progress as the dashboard shows it (its state and errors stay on <c>GET /api/datasets/{id}</c>).</summary>
public sealed record DatasetProgressView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Processor { get; init; }
    public required string Status { get; init; }
    public bool Sealed { get; init; }
    public long RowsReceived { get; init; }
    public long RowsProcessed { get; init; }

    /// <summary>Rows processed per second over the last few seconds.</summary>
    public double RowsPerSecond { get; init; }
    public string? Owner { get; init; }
    public string? OwnerName { get; init; }
    public DatasetRowErrorView? Failure { get; init; }
    public long ErrorCount { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
