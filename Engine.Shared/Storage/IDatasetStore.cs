using ActorQueue.Datasets;

namespace ActorQueue.Storage;

/// <summary>
/// Datasets in the store: their rows (the input journal, gapless sequence numbers per dataset), their
/// results (the event journal), their snapshots and checkpoints, and the leases that give each dataset
/// exactly one owner at a time. Every write that commits processing is fenced by owner AND epoch in the
/// same statement, so a paused owner whose lease was taken over can never commit.
/// </summary>
internal interface IDatasetStore
{
    Task<DatasetInfo> CreateDatasetAsync(NewDataset dataset, CancellationToken cancellationToken);

    /// <summary>The dataset with its state snapshot and its first row errors, or null.</summary>
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

    /// <summary>Datasets that need an owner or have one: open or sealed, with rows to process or a live lease.</summary>
    Task<IReadOnlyList<DatasetWork>> ListDatasetWorkAsync(CancellationToken cancellationToken);

    /// <summary>Takes the lease when it is free or expired (or already ours), with the next epoch; null when someone else holds it.</summary>
    Task<DatasetLease?> TryAcquireDatasetAsync(string id, string owner, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when it is no longer ours at this epoch.</summary>
    Task<bool> RenewDatasetLeaseAsync(DatasetLease lease, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (hand-off, passivation); a no-op when it is no longer ours.</summary>
    Task ReleaseDatasetLeaseAsync(DatasetLease lease, CancellationToken cancellationToken);

    /// <summary>Releases every lease of a member marked down, so its datasets move at once.</summary>
    Task<int> ReleaseDatasetLeasesOfAsync(string owner, CancellationToken cancellationToken);

    /// <summary>
    /// In ONE transaction: appends the batch's results and row errors, stores the snapshot and checkpoint,
    /// renews the lease, and completes or fails the dataset — only if the lease is still ours at its epoch
    /// and the checkpoint is where this batch started.
    /// </summary>
    /// <exception cref="DatasetLeaseLostException">The lease was taken over; nothing was written.</exception>
    Task<DatasetStatus> CommitDatasetBatchAsync(DatasetLease lease, DatasetBatch batch, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>Live leases per owner, for <c>GET /api/cluster</c>.</summary>
    Task<IReadOnlyDictionary<string, int>> CountDatasetsByOwnerAsync(CancellationToken cancellationToken);
}
