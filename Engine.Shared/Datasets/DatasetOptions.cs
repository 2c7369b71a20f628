namespace ActorQueue.Datasets;

/// <summary>Configuration section <c>Datasets</c>: batches, snapshots, passivation, the sweep and ingestion limits.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>Rows a dataset entity applies together: one ledger write of their outputs and one journal event per batch.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>An entity saves a snapshot of its state every this many batches; recovery replays at most this many events.</summary>
    public int SnapshotEveryBatches { get; set; } = 20;

    /// <summary>An entity with nothing to do for this long passivates (stops); new rows wake it.</summary>
    public double PassivateAfterSeconds { get; set; } = 30;

    /// <summary>
    /// How often the sweep (a cluster singleton) nudges every dataset with rows waiting: what it costs when a
    /// nudge is lost in a hand-off, and how soon a dataset whose node died resumes after the cluster removes it.
    /// </summary>
    public double SweepIntervalSeconds { get; set; } = 2;

    /// <summary>How often the shard coordinator moves shards from the busiest worker node to the least busy (Akka's rebalance-interval).</summary>
    public double RebalanceIntervalSeconds { get; set; } = 10;

    /// <summary>Rows written to the store together during an upload.</summary>
    public int IngestChunkSize { get; set; } = 4000;

    /// <summary>The longest CSV field or NDJSON line accepted, in bytes (characters for CSV).</summary>
    public int MaxRowBytes { get; set; } = 1 << 20;

    public TimeSpan PassivateAfter => TimeSpan.FromSeconds(PassivateAfterSeconds);

    public TimeSpan SweepInterval => TimeSpan.FromSeconds(SweepIntervalSeconds);

    public TimeSpan RebalanceInterval => TimeSpan.FromSeconds(RebalanceIntervalSeconds);

    /// <summary>Throws <see cref="ArgumentException"/> with a sentence for a value that cannot work.</summary>
    public void Validate()
    {
        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"Datasets:BatchSize must be between 1 and 100000; it is {BatchSize}.");
        }
        if (SnapshotEveryBatches is < 1 or > 100_000)
        {
            throw new ArgumentException($"Datasets:SnapshotEveryBatches must be between 1 and 100000; it is {SnapshotEveryBatches}.");
        }
        if (!double.IsFinite(PassivateAfterSeconds) || PassivateAfterSeconds is < 0.1 or > 86_400)
        {
            throw new ArgumentException($"Datasets:PassivateAfterSeconds must be between 0.1 and 86400; it is {PassivateAfterSeconds}.");
        }
        if (!double.IsFinite(SweepIntervalSeconds) || SweepIntervalSeconds is < 0.05 or > 3600)
        {
            throw new ArgumentException($"Datasets:SweepIntervalSeconds must be between 0.05 and 3600; it is {SweepIntervalSeconds}.");
        }
        if (!double.IsFinite(RebalanceIntervalSeconds) || RebalanceIntervalSeconds is < 0.1 or > 3600)
        {
            throw new ArgumentException($"Datasets:RebalanceIntervalSeconds must be between 0.1 and 3600; it is {RebalanceIntervalSeconds}.");
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
