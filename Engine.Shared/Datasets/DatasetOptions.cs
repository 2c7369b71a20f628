namespace ActorQueue.Datasets;

/// <summary>Configuration section <c>Datasets</c>: leases, batches and ingestion limits.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>How long a node owns a dataset without renewing; a dead owner's datasets move after this.</summary>
    public double LeaseSeconds { get; set; } = 15;

    /// <summary>How often the shard region rebalances and looks for datasets with rows to process.</summary>
    public double RegionIntervalSeconds { get; set; } = 1;

    /// <summary>An owned dataset with nothing to do for this long is passivated: its actor stops and its lease is released.</summary>
    public double PassivateAfterSeconds { get; set; } = 30;

    /// <summary>Rows applied and committed together in one transaction (events, snapshot, checkpoint, lease).</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Rows written to the store together during an upload.</summary>
    public int IngestChunkSize { get; set; } = 4000;

    /// <summary>The longest CSV field or NDJSON line accepted, in bytes (characters for CSV).</summary>
    public int MaxRowBytes { get; set; } = 1 << 20;

    /// <summary>The most datasets a node owns at once, whatever its fair share.</summary>
    public int MaxOwnedPerNode { get; set; } = 256;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan RegionInterval => TimeSpan.FromSeconds(RegionIntervalSeconds);

    public TimeSpan PassivateAfter => TimeSpan.FromSeconds(PassivateAfterSeconds);

    /// <summary>Throws <see cref="ArgumentException"/> with a sentence for a value that cannot work.</summary>
    public void Validate()
    {
        if (LeaseSeconds is < 1 or > 3600)
        {
            throw new ArgumentException($"Datasets:LeaseSeconds must be between 1 and 3600; it is {LeaseSeconds}.");
        }
        if (RegionIntervalSeconds <= 0 || RegionIntervalSeconds >= LeaseSeconds)
        {
            throw new ArgumentException($"Datasets:RegionIntervalSeconds must be above 0 and below Datasets:LeaseSeconds ({LeaseSeconds}); it is {RegionIntervalSeconds}.");
        }
        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"Datasets:BatchSize must be between 1 and 100000; it is {BatchSize}.");
        }
        if (IngestChunkSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"Datasets:IngestChunkSize must be between 1 and 100000; it is {IngestChunkSize}.");
        }
        if (MaxRowBytes < 1024)
        {
            throw new ArgumentException($"Datasets:MaxRowBytes must be at least 1024; it is {MaxRowBytes}.");
        }
    }
}
