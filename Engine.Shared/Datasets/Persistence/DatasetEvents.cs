using System.Text.Json;

namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// One batch of a dataset, as its entity's journal keeps it (manifest <c>dataset-batch/1</c>): the rows it
/// covered and what it changed in the processor's state. A state that is a JSON object changes by member
/// (<see cref="Set"/> holds the members whose value changed or appeared, <see cref="Removed"/> those that went);
/// any other state is kept whole (<see cref="Whole"/>, raw JSON).
/// </summary>
internal sealed record BatchApplied : IDatasetPersisted
{
    /// <summary>The checkpoint the batch started from: the event before it ends there.</summary>
    public required long From { get; init; }

    /// <summary>The new checkpoint, the last row applied or skipped.</summary>
    public required long To { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Set { get; init; }

    public IReadOnlyList<string>? Removed { get; init; }

    public string? Whole { get; init; }

    /// <summary>Rows of this batch the processor rejected and the policy skipped.</summary>
    public long Skipped { get; init; }

    /// <summary>The row the dataset stopped at (policy <c>fail</c>), or null.</summary>
    public PersistedRowError? Failure { get; init; }
}

/// <summary>A dataset entity's whole state at a checkpoint (manifest <c>dataset-snapshot/1</c>).</summary>
internal sealed record DatasetSnapshot : IDatasetPersisted
{
    public required long Checkpoint { get; init; }

    /// <summary>The members of a state that is a JSON object, or null.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Members { get; init; }

    /// <summary>A state that is not a JSON object, raw, or null.</summary>
    public string? Whole { get; init; }

    public long ErrorCount { get; init; }

    public PersistedRowError? Failure { get; init; }
}

/// <summary>A rejected row as the journal keeps it.</summary>
internal sealed record PersistedRowError(long Seq, string Message);
