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
    /// <summary>The last row whose output is in the ledger (the entity's journal may be up to a batch behind).</summary>
    public required long RowsProcessed { get; init; }
    public string? StateJson { get; init; }
    public DatasetRowError? Failure { get; init; }
    public long ErrorCount { get; init; }
    public IReadOnlyList<DatasetRowError> Errors { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a dataset entity reads before each batch: how to process rows and whether it may.</summary>
internal sealed record DatasetHead(string Processor, string OptionsJson, RowErrorPolicy OnError, DatasetStatus Status, long RowsReceived);

/// <summary>A dataset's head and the rows after a checkpoint (none unless it is open or sealed).</summary>
internal sealed record DatasetWork(DatasetHead Head, IReadOnlyList<StoredRow> Rows);

/// <summary>A row the processor rejected: skipped (policy <c>skip</c>) or where the dataset stopped (<c>fail</c>).</summary>
internal sealed record DatasetRowError(long Seq, string Message);

internal sealed record AppendResult(long Accepted, long LastSeq);

/// <summary>A stored row or result: its sequence number and its JSON.</summary>
internal readonly record struct StoredRow(long Seq, string Json);

/// <summary>What one batch produced, written by <see cref="IDatasetStore.RecordBatchAsync"/>.</summary>
internal sealed record DatasetBatch
{
    /// <summary>The checkpoint the batch started from.</summary>
    public required long FromSeq { get; init; }
    /// <summary>The new checkpoint: the last row applied or skipped. Equals <see cref="FromSeq"/> when the batch failed at its first row.</summary>
    public required long ToSeq { get; init; }
    public required IReadOnlyList<StoredRow> Results { get; init; }
    public IReadOnlyList<DatasetRowError> Skipped { get; init; } = [];
    /// <summary>The processor's whole state after the batch (what <c>GET /api/datasets/{id}</c> shows).</summary>
    public required string StateJson { get; init; }
    /// <summary>Rows skipped since the dataset began, this batch's included.</summary>
    public long ErrorCount { get; init; }
    /// <summary>Set when the dataset stops at this row (policy <c>fail</c>).</summary>
    public DatasetRowError? Failure { get; init; }
}

/// <summary>Where the dataset entities' Akka.Persistence.Sql journal and snapshot store live (linq2db provider name and connection string).</summary>
internal sealed record DatasetJournalLocation(string ProviderName, string ConnectionString, string Description);

internal sealed class DatasetNotFoundException(string id) : Exception($"No dataset has the id '{id}'.");

/// <summary>The request conflicts with the dataset's state: sealed, a gap in sequence numbers, not failed.</summary>
internal sealed class DatasetConflictException(string message) : Exception(message);
