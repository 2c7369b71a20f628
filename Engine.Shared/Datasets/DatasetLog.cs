using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets;

/// <summary>Log events of the dataset entities, the sweep and ingestion. Event ids 5000–5099; the event name is the log's "action".</summary>
internal static partial class DatasetLog
{
    [LoggerMessage(5000, LogLevel.Information, "Dataset {DatasetId} recovered on {NodeName} at row {Checkpoint} (journal sequence number {SequenceNr})", EventName = "DatasetRecovered")]
    public static partial void Recovered(ILogger logger, string datasetId, string nodeName, long checkpoint, long sequenceNr);

    [LoggerMessage(5001, LogLevel.Information, "Dataset {DatasetId} stops at row {Checkpoint}: {Reason}", EventName = "DatasetStopping")]
    public static partial void Stopping(ILogger logger, string datasetId, long checkpoint, string reason);

    [LoggerMessage(5002, LogLevel.Warning, "Dataset {DatasetId}: the journal refused step {SequenceNr} (another node persisted it first, or the journal is unavailable); this entity stops and what it would write is not kept", EventName = "DatasetPersistFailed")]
    public static partial void PersistFailed(ILogger logger, string datasetId, long sequenceNr, Exception exception);

    [LoggerMessage(5003, LogLevel.Information, "Dataset {DatasetId} completed: {Rows} row(s) processed", EventName = "DatasetCompleted")]
    public static partial void Completed(ILogger logger, string datasetId, long rows);

    [LoggerMessage(5004, LogLevel.Warning, "Dataset {DatasetId} failed at row {Seq}: {Message}", EventName = "DatasetFailed")]
    public static partial void Failed(ILogger logger, string datasetId, long seq, string message);

    [LoggerMessage(5005, LogLevel.Debug, "Dataset {DatasetId}: rows {From}–{To} written ({Skipped} skipped)", EventName = "DatasetBatchWritten")]
    public static partial void BatchWritten(ILogger logger, string datasetId, long from, long to, long skipped);

    [LoggerMessage(5006, LogLevel.Error, "Dataset {DatasetId}: its journal cannot be read ({Reason}); the dataset is failed", EventName = "DatasetJournalUnreadable")]
    public static partial void JournalUnreadable(ILogger logger, string datasetId, string reason, Exception exception);

    [LoggerMessage(5007, LogLevel.Warning, "Dataset {DatasetId}: recovery from the journal failed; the entity stops and the next nudge tries again", EventName = "DatasetRecoveryFailed")]
    public static partial void RecoveryFailed(ILogger logger, string datasetId, Exception exception);

    [LoggerMessage(5008, LogLevel.Warning, "Dataset {DatasetId}: the ledger {What} failed; the entity stops and the next nudge recovers it", EventName = "DatasetStoreFailed")]
    public static partial void StoreFailed(ILogger logger, string datasetId, string what, Exception exception);

    [LoggerMessage(5009, LogLevel.Debug, "Dataset {DatasetId} passivates at row {Checkpoint}: idle", EventName = "DatasetPassivating")]
    public static partial void Passivating(ILogger logger, string datasetId, long checkpoint);

    [LoggerMessage(5010, LogLevel.Warning, "Dataset {DatasetId}: no such dataset in the ledger; its entity stops", EventName = "DatasetUnknown")]
    public static partial void Unknown(ILogger logger, string datasetId);

    [LoggerMessage(5011, LogLevel.Warning, "Dataset {DatasetId}: the snapshot at step {SequenceNr} could not be saved; recovery replays more events until the next one", EventName = "DatasetSnapshotFailed")]
    public static partial void SnapshotFailed(ILogger logger, string datasetId, long sequenceNr, Exception exception);

    [LoggerMessage(5020, LogLevel.Debug, "The dataset sweep nudged {Count} dataset(s) with rows waiting", EventName = "DatasetSweep")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(5021, LogLevel.Warning, "The dataset sweep could not list the datasets with rows waiting; it tries again in {Seconds} s", EventName = "DatasetSweepFailed")]
    public static partial void SweepFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(5022, LogLevel.Information, "The dataset sweep runs on {NodeName}, every {Seconds} s", EventName = "DatasetSweepStarted")]
    public static partial void SweepStarted(ILogger logger, string nodeName, double seconds);
}
