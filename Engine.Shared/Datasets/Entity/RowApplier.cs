using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorQueue.Storage;

namespace ActorQueue.Datasets.Entity;

/// <summary>
/// A dataset's live processor state at its checkpoint, and the batches made from it. Each batch moves the
/// checkpoint on: the entity that owns this applier stops (and recovers from its journal) whenever a batch
/// cannot be written, so there is nothing to roll back. The state is always exactly what applying rows
/// 1..checkpoint in order produces.
/// </summary>
internal sealed class RowApplier : IDisposable
{
    private readonly IRowProcessor _processor;
    private readonly JsonElement _options;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private IRowProcessorState _state;
    private string? _snapshot;

    public RowApplier(IRowProcessor processor, string optionsJson, string? snapshot, long checkpoint)
    {
        _processor = processor;
        using (var options = JsonDocument.Parse(optionsJson))
        {
            _options = options.RootElement.Clone();
        }
        _writer = new Utf8JsonWriter(_buffer);
        _snapshot = snapshot;
        Checkpoint = checkpoint;
        _state = Restore(snapshot);
    }

    /// <summary>The last row applied or skipped.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>
    /// Applies <paramref name="rows"/> (the rows right after the checkpoint, in order) into a batch, a row the
    /// processor rejects going as <paramref name="policy"/> says, and moves the checkpoint to the batch's end.
    /// </summary>
    public DatasetBatch Apply(IReadOnlyList<StoredRow> rows, RowErrorPolicy policy, long errorCountBefore)
    {
        var results = new List<StoredRow>(rows.Count);
        var skipped = new List<DatasetRowError>();
        var applied = new List<StoredRow>(rows.Count);
        DatasetRowError? failure = null;
        var to = Checkpoint;
        foreach (var row in rows)
        {
            if (row.Seq != to + 1)
            {
                throw new InvalidDataException($"Row {to + 1} is missing from the store (the next row read is {row.Seq}).");
            }
            try
            {
                results.Add(new StoredRow(row.Seq, ApplyOne(_state, row)));
                applied.Add(row);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                if (exception is not RowRejectedException)
                {
                    // Only a rejection promises an untouched state; after anything else, rebuild the
                    // state of the rows before this one, which is deterministic.
                    _state = Restore(_snapshot);
                    foreach (var earlier in applied)
                    {
                        ApplyOne(_state, earlier);
                    }
                }
                var error = new DatasetRowError(row.Seq, Describe(exception));
                if (policy == RowErrorPolicy.Fail)
                {
                    failure = error;
                    break;
                }
                skipped.Add(error);
            }
            to = row.Seq;
        }
        var batch = new DatasetBatch
        {
            FromSeq = Checkpoint,
            ToSeq = to,
            Results = results,
            Skipped = skipped,
            Failure = failure,
            StateJson = Snapshot(),
            ErrorCount = errorCountBefore + skipped.Count,
        };
        Checkpoint = batch.ToSeq;
        _snapshot = batch.StateJson;
        return batch;
    }

    private IRowProcessorState Restore(string? snapshot)
    {
        var state = _processor.CreateState(_options);
        if (snapshot is not null)
        {
            using var document = JsonDocument.Parse(snapshot);
            state.Restore(document.RootElement);
        }
        return state;
    }

    private string ApplyOne(IRowProcessorState state, StoredRow row)
    {
        using var fields = JsonDocument.Parse(row.Json);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        state.Apply(new DatasetRow(row.Seq, fields.RootElement), _writer);
        _writer.Flush();
        return _buffer.WrittenCount == 0 ? "null" : Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private string Snapshot()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        _state.WriteSnapshot(_writer);
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();

    private static string Describe(Exception exception) => exception switch
    {
        RowRejectedException => exception.Message,
        _ => $"the processor threw {exception.GetType().Name}: {exception.Message}",
    };
}
