using ActorQueue.Datasets;

namespace ActorQueue.Storage;

internal sealed record NewDataset(string Name, string Processor, string OptionsJson, RowErrorPolicy OnError);

internal sealed record DatasetInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Processor { get; init; }
    public required string OptionsJson { get; init; }
    public required RowErrorPolicy OnError { get; init; }
    public required DatasetStatus Status { get; init; }
    public required bool Sealed { get; init; }
    public required long RowsReceived { get; init; }
    public required long RowsProcessed { get; init; }
    /// <summary>The member holding a live lease, or null.</summary>
    public string? Owner { get; init; }
    public long Epoch { get; init; }
    public string? StateJson { get; init; }
    public DatasetRowError? Failure { get; init; }
    public long ErrorCount { get; init; }
    public IReadOnlyList<DatasetRowError> Errors { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A row the processor rejected: skipped (policy <c>skip</c>) or where the dataset stopped (<c>fail</c>).</summary>
internal sealed record DatasetRowError(long Seq, string Message);

internal sealed record AppendResult(long Accepted, long LastSeq);

/// <summary>A stored row or result: its sequence number and its JSON.</summary>
internal readonly record struct StoredRow(long Seq, string Json);

internal sealed record DatasetWork(string Id, string Processor, string? Owner, bool HasPendingRows);

/// <summary>Ownership of one dataset at one epoch, with what the new owner needs to recover.</summary>
internal sealed record DatasetLease
{
    public required string DatasetId { get; init; }
    public required string Owner { get; init; }
    public required long Epoch { get; init; }
    public required string Processor { get; init; }
    public required string OptionsJson { get; init; }
    public required RowErrorPolicy OnError { get; init; }
    /// <summary>The last row whose result is committed.</summary>
    public required long Checkpoint { get; init; }
    public string? StateJson { get; init; }
}

/// <summary>What one batch produced, committed by <see cref="IDatasetStore.CommitDatasetBatchAsync"/>.</summary>
internal sealed record DatasetBatch
{
    /// <summary>The checkpoint the batch started from (fencing: another writer cannot have moved it).</summary>
    public required long FromSeq { get; init; }
    /// <summary>The new checkpoint: the last row applied or skipped. Equals <see cref="FromSeq"/> when the batch failed at its first row.</summary>
    public required long ToSeq { get; init; }
    public required IReadOnlyList<StoredRow> Results { get; init; }
    public IReadOnlyList<DatasetRowError> Skipped { get; init; } = [];
    public required string StateJson { get; init; }
    /// <summary>Set when the dataset stops at this row (policy <c>fail</c>).</summary>
    public DatasetRowError? Failure { get; init; }
}

internal sealed class DatasetNotFoundException(string id) : Exception($"No dataset has the id '{id}'.");

/// <summary>The request conflicts with the dataset's state: sealed, a gap in sequence numbers, not failed.</summary>
internal sealed class DatasetConflictException(string message) : Exception(message);

internal sealed class DatasetLeaseLostException(string id, long epoch)
    : Exception($"The lease on dataset {id} at epoch {epoch} was taken over; the batch was not committed.");
