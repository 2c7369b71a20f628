using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets.Sharding;

/// <summary>Log events of the shard region and dataset actors. Event ids 5000–5099; the event name is the log's "action".</summary>
internal static partial class DatasetLog
{
    [LoggerMessage(5000, LogLevel.Information, "Dataset {DatasetId} acquired at epoch {Epoch}, resuming after row {Checkpoint}", EventName = "DatasetAcquired")]
    public static partial void Acquired(ILogger logger, string datasetId, long epoch, long checkpoint);

    [LoggerMessage(5001, LogLevel.Information, "Dataset {DatasetId} handed off at row {Checkpoint} ({Reason})", EventName = "DatasetHandedOff")]
    public static partial void HandedOff(ILogger logger, string datasetId, long checkpoint, string reason);

    [LoggerMessage(5002, LogLevel.Warning, "Dataset {DatasetId}: the lease at epoch {Epoch} was taken over; this node's uncommitted batch is dropped", EventName = "DatasetLeaseLost")]
    public static partial void LeaseLost(ILogger logger, string datasetId, long epoch);

    [LoggerMessage(5003, LogLevel.Information, "Dataset {DatasetId} completed: {Rows} row(s) processed", EventName = "DatasetCompleted")]
    public static partial void Completed(ILogger logger, string datasetId, long rows);

    [LoggerMessage(5004, LogLevel.Warning, "Dataset {DatasetId} failed at row {Seq}: {Message}", EventName = "DatasetFailed")]
    public static partial void Failed(ILogger logger, string datasetId, long seq, string message);

    [LoggerMessage(5005, LogLevel.Debug, "Dataset {DatasetId}: rows {From}–{To} committed ({Skipped} skipped)", EventName = "DatasetBatchCommitted")]
    public static partial void BatchCommitted(ILogger logger, string datasetId, long from, long to, int skipped);

    [LoggerMessage(5006, LogLevel.Warning, "Dataset {DatasetId} uses processor '{Processor}', which this node does not have; another node must take it", EventName = "ProcessorMissing")]
    public static partial void ProcessorMissing(ILogger logger, string datasetId, string processor);

    [LoggerMessage(5007, LogLevel.Error, "The shard region's pass failed; it runs again in {Seconds} s", EventName = "RegionPassFailed")]
    public static partial void RegionPassFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(5008, LogLevel.Warning, "The actor of dataset {DatasetId} crashed and restarts from the last snapshot", EventName = "DatasetActorCrashed")]
    public static partial void ActorCrashed(ILogger logger, string datasetId, Exception exception);

    [LoggerMessage(5009, LogLevel.Information, "Shard region of {NodeName} stopped: {Count} dataset(s) handed off", EventName = "RegionStopped")]
    public static partial void RegionStopped(ILogger logger, string nodeName, int count);
}
