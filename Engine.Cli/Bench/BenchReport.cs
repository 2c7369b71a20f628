namespace ActorQueue.Cli.Bench;

/// <summary>The outcome of <c>aq bench</c>, printed as a table or (<c>--json</c>) as JSON.</summary>
internal sealed record BenchReport
{
    /// <summary>Jobs asked for (<c>--jobs</c>).</summary>
    public required int Jobs { get; init; }

    /// <summary>Jobs the seed accepted.</summary>
    public required int Submitted { get; init; }

    /// <summary>From the first submit until every accepted job was seen final (or until the run stopped).</summary>
    public required double Seconds { get; init; }

    /// <summary>Accepted jobs divided by <see cref="Seconds"/>.</summary>
    public required double JobsPerSecond { get; init; }

    /// <summary><see cref="SubmitFailures"/> plus <see cref="FailedJobs"/>.</summary>
    public required int Failures { get; init; }

    /// <summary>Jobs in submit requests that failed.</summary>
    public required int SubmitFailures { get; init; }

    /// <summary>Accepted jobs that ended discarded or cancelled (null when the run stopped before they were counted).</summary>
    public required int? FailedJobs { get; init; }

    /// <summary>Time spent sending the jobs.</summary>
    public required double SubmitSeconds { get; init; }

    /// <summary>True when every job was sent and seen final within the duration limit.</summary>
    public required bool Complete { get; init; }

    /// <summary>True when <c>--duration-limit</c> stopped the run.</summary>
    public required bool StoppedByLimit { get; init; }

    public required int Batch { get; init; }

    public required int Concurrency { get; init; }

    public required string Kind { get; init; }

    /// <summary>The file sent as every job's body (<c>--file</c>), by name; null for a bench of JSON jobs.</summary>
    public string? File { get; init; }

    public required LatencyReport Latency { get; init; }
}

/// <summary>
/// Submit-to-result round trips in milliseconds (null without samples): the sequential probe after the
/// throughput run, or with <c>--file</c> every job of the run.
/// </summary>
internal sealed record LatencyReport
{
    public required int RoundTrips { get; init; }

    public required int Samples { get; init; }

    public required int Failures { get; init; }

    public double? P50Ms { get; init; }

    public double? P90Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? MaxMs { get; init; }

    public double? MeanMs { get; init; }

    /// <summary>Round trips per bucket (<see cref="LatencyHistogram"/>), from the fastest bucket used to the slowest.</summary>
    public IReadOnlyList<LatencyBucket> Histogram { get; init; } = [];

    public static LatencyReport From(LatencyStats stats, int roundTrips, int failures) => new()
    {
        RoundTrips = roundTrips,
        Samples = stats.Count,
        Failures = failures,
        P50Ms = Round(stats.Percentile(50)),
        P90Ms = Round(stats.Percentile(90)),
        P99Ms = Round(stats.Percentile(99)),
        MaxMs = Round(stats.Max),
        MeanMs = Round(stats.Mean),
        Histogram = LatencyHistogram.From(stats.Samples),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
