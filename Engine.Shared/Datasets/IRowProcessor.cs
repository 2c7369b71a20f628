using System.Text.Json;

namespace ActorQueue.Datasets;

/// <summary>
/// Turns a dataset's rows, applied strictly in sequence order, into per-row outputs and a running state.
/// Register implementations with <c>services.AddRowProcessor&lt;T&gt;()</c>; datasets name them at creation
/// (<c>aq datasets create games --processor running-stats</c>).
/// </summary>
/// <remarks>
/// A processor must be pure and deterministic: the new state and the output depend only on the previous
/// state and the row. The engine relies on it for exactly-once results: after a crash or a hand-off it
/// restores the last snapshot and applies the rows after it again, and after a rejected row it rebuilds
/// the batch's state by replaying the rows before it. No clocks, no random numbers, no I/O.
/// </remarks>
public interface IRowProcessor
{
    /// <summary>The name datasets refer to, e.g. <c>running-stats</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Checks a dataset's options and returns an empty state bound to them. Throw
    /// <see cref="DatasetOptionsException"/> with a sentence saying what is wrong; it is called when the
    /// dataset is created, so bad options are refused before any row arrives.
    /// </summary>
    IRowProcessorState CreateState(JsonElement options);
}

/// <summary>The running state of one dataset, owned by its dataset actor; never shared between threads.</summary>
public interface IRowProcessorState
{
    /// <summary>Replaces the state with a snapshot written earlier by <see cref="WriteSnapshot"/>.</summary>
    void Restore(JsonElement snapshot);

    /// <summary>
    /// Applies one row and writes its output (one JSON value) to <paramref name="output"/>. Throw
    /// <see cref="RowRejectedException"/> for a row that cannot be applied (a missing key, a bad number):
    /// the dataset's policy then stops it or skips the row.
    /// </summary>
    void Apply(DatasetRow row, Utf8JsonWriter output);

    /// <summary>Writes the whole state as one JSON value; <c>GET /api/datasets/{id}</c> shows it.</summary>
    void WriteSnapshot(Utf8JsonWriter writer);
}
