using ActorQueue.Datasets;

namespace ActorQueue.Storage;

/// <summary>
/// Datasets in the ledger: their rows (gapless sequence numbers per dataset), their per-row outputs and
/// skipped rows, and a projection of each dataset's progress (status, rows processed, the processor's
/// state) for readers. The dataset entities' own state lives in the Akka.Persistence journal named by
/// <see cref="Journal"/>. Every write an entity makes here is idempotent: outputs are keyed by sequence
/// number and the projection only moves forward, so a batch written twice (a retried batch, a zombie
/// that woke up) changes nothing.
/// </summary>
internal interface IDatasetStore
{
    /// <summary>Where the dataset entities' journal and snapshots live: beside the ledger (SQLite) or in the same database (PostgreSQL).</summary>
    DatasetJournalLocation Journal { get; }

    Task<DatasetInfo> CreateDatasetAsync(NewDataset dataset, CancellationToken cancellationToken);

    /// <summary>The dataset with its state and its first row errors, or null.</summary>
    Task<DatasetInfo?> GetDatasetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first, without state.</summary>
    Task<IReadOnlyList<DatasetInfo>> ListDatasetsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Appends rows (JSON objects) at the end. With <paramref name="firstSeq"/>, the rows are numbered from it
    /// and those already stored are skipped, so a resumed upload stores each row once.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    /// <exception cref="DatasetConflictException">Sealed, or <paramref name="firstSeq"/> leaves a gap.</exception>
    Task<AppendResult> AppendRowsAsync(string id, long? firstSeq, IReadOnlyList<string> rows, CancellationToken cancellationToken);

    /// <summary>No more rows; completes at once when every row is already processed.</summary>
    Task<DatasetInfo> SealDatasetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Restarts a failed dataset at the row it stopped on, optionally with another policy.</summary>
    Task<DatasetInfo> ResumeDatasetAsync(string id, RowErrorPolicy? onError, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRow>> ReadRowsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredRow>> ReadResultsAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// What an entity needs for its next batch, in one round trip: how to process rows (processor, options, policy)
    /// and whether it may (status), with up to <paramref name="limit"/> rows after <paramref name="afterSeq"/> when the
    /// dataset is open or sealed. Null for an unknown dataset.
    /// </summary>
    Task<DatasetWork?> ReadWorkAsync(string id, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: inserts the batch's outputs and skipped rows (those already there are kept), and
    /// moves the projection forward to <see cref="DatasetBatch.ToSeq"/> (rows processed, state, error count,
    /// and completed or failed) unless it is past it already or the dataset is no longer open or sealed.
    /// Answers the dataset's status afterwards.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    Task<DatasetStatus> RecordBatchAsync(string id, DatasetBatch batch, CancellationToken cancellationToken);

    /// <summary>Stops an open or sealed dataset with <paramref name="message"/> as its failure, at the row after those processed.</summary>
    Task FailDatasetAsync(string id, string message, CancellationToken cancellationToken);

    /// <summary>Open or sealed datasets with rows not yet processed, oldest first: what the sweep nudges.</summary>
    Task<IReadOnlyList<string>> ListPendingDatasetsAsync(CancellationToken cancellationToken);
}
