using ActorQueue.Datasets.Persistence;
using ActorQueue.Storage;
using Akka.Actor;

namespace ActorQueue.Datasets.Entity;

/// <summary>
/// The batch pipeline: read, apply, write the outputs to the ledger, persist the event. The stages overlap: while
/// batch k is written, batch k+1 is applied and waits, and the rows of k+2 are read. Ledger writes go one at a time and in
/// order (a reader never sees a dataset completed before all its outputs are there); each batch's event is
/// persisted after its write, in order, with at most <see cref="MaxEventsInFlight"/> not yet acknowledged.
/// </summary>
internal sealed partial class DatasetEntity
{
    private RowApplier? _applier;
    private DatasetWork? _read;
    private Prepared? _ready;
    private bool _reading;
    private bool _recording;
    private int _persisting;
    private bool _wanted;
    private bool _stopping;

    private bool Busy => _reading || _recording || _persisting > 0 || _ready is not null || _read is not null;

    /// <summary>A nudge: read the rows after the checkpoint now, or once the pipeline has room.</summary>
    private void Pull()
    {
        if (_stopping)
        {
            return;
        }
        if (_reading || _read is not null)
        {
            _wanted = true;
            return;
        }
        _wanted = false;
        StartRead();
    }

    private void StartRead()
    {
        _reading = true;
        _services.Store.ReadWorkAsync(_datasetId, _applied.Checkpoint, _services.Options.BatchSize, CancellationToken.None)
            .PipeTo(Self, success: work => new WorkRead(work), failure: exception => new StoreFailed("read", exception));
    }

    private void OnWorkRead(WorkRead read)
    {
        _reading = false;
        if (_stopping)
        {
            return;
        }
        _read = read.Work;
        Advance();
    }

    /// <summary>Moves every stage on as far as it can go: apply what was read, write what is applied, read the next.</summary>
    private void Advance()
    {
        if (_stopping)
        {
            if (!_recording && _persisting == 0)
            {
                Context.Stop(Self);
            }
            return;
        }
        if (_ready is null && _read is { } read)
        {
            _read = null;
            if (!Prepare(read))
            {
                return;
            }
        }
        if (_ready is { } ready && !_recording && _persisting < MaxEventsInFlight)
        {
            _ready = null;
            _recording = true;
            _services.Store.RecordBatchAsync(_datasetId, ready.Batch, CancellationToken.None)
                .PipeTo(Self, success: status => new BatchRecorded(ready.Change, status), failure: exception => new StoreFailed("write", exception));
        }
        if (!_reading && _read is null && _wanted)
        {
            _wanted = false;
            StartRead();
        }
    }

    /// <summary>Applies the rows read into the next batch; false when there is nothing to do (or the dataset cannot go on).</summary>
    private bool Prepare(DatasetWork? work)
    {
        if (work is null)
        {
            DatasetLog.Unknown(_services.Logger, _datasetId);
            Context.Stop(Self);
            return false;
        }
        if (work.Rows.Count == 0)
        {
            // Nothing after the checkpoint, or the dataset is completed or failed: idle until nudged.
            return false;
        }
        if (ApplierFor(work.Head) is not { } applier)
        {
            return false;
        }
        DatasetBatch batch;
        try
        {
            batch = applier.Apply(work.Rows, work.Head.OnError, _applied.ErrorCount);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
        {
            DatasetLog.StoreFailed(_services.Logger, _datasetId, "rows", exception);
            StopAfterBatch("the rows could not be read");
            return false;
        }
        var change = _applied.Change(batch);
        _applied = _applied.Apply(change);
        _ready = new Prepared(batch, change);
        if (work.Rows.Count == _services.Options.BatchSize && batch.Failure is null)
        {
            // More rows are likely: read them while this batch waits for its write.
            _wanted = true;
        }
        return true;
    }

    private void OnBatchRecorded(BatchRecorded recorded)
    {
        _recording = false;
        var change = recorded.Change;
        _persisting++;
        PersistAsync(change, persisted =>
        {
            _persisting--;
            _persisted = _persisted.Apply(persisted);
            if (LastSequenceNr % _services.Options.SnapshotEveryBatches == 0)
            {
                SaveSnapshot(_persisted.ToSnapshot());
            }
            Advance();
        });
        DatasetLog.BatchWritten(_services.Logger, _datasetId, change.From + 1, change.To, change.Skipped);
        switch (recorded.Status)
        {
            case DatasetStatus.Completed:
                DatasetLog.Completed(_services.Logger, _datasetId, change.To);
                break;
            case DatasetStatus.Failed when change.Failure is { } failure:
                DatasetLog.Failed(_services.Logger, _datasetId, failure.Seq, failure.Message);
                break;
        }
        Advance();
    }

    /// <summary>Finishes the batch being written (its ledger write and event), then stops; what was applied but not written is dropped.</summary>
    private void StopAfterBatch(string reason)
    {
        if (!_stopping)
        {
            DatasetLog.Stopping(_services.Logger, _datasetId, _applied.Checkpoint, reason);
        }
        _stopping = true;
        _read = null;
        _ready = null;
        _wanted = false;
        Advance();
    }

    private void OnStoreFailed(StoreFailed failed)
    {
        switch (failed.What)
        {
            case "read":
                _reading = false;
                break;
            case "write":
                _recording = false;
                break;
        }
        DatasetLog.StoreFailed(_services.Logger, _datasetId, failed.What, failed.Exception);
        // What this entity holds may be ahead of what is stored: stop, and let the next nudge recover it.
        StopAfterBatch($"the ledger {failed.What} failed");
    }

    /// <summary>The live processor state at the checkpoint, built once; null (and the dataset failed) when it cannot be.</summary>
    private RowApplier? ApplierFor(DatasetHead head)
    {
        if (_applier is not null)
        {
            return _applier;
        }
        if (!_services.Processors.TryGet(head.Processor, out var processor))
        {
            FailDataset($"processor '{head.Processor}' is not registered on {_services.Node.Name}, the node that hosts this dataset: register it on every worker node, then resume the dataset");
            return null;
        }
        try
        {
            return _applier = new RowApplier(processor, head.OptionsJson, _applied.StateJson(), _applied.Checkpoint);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            FailDataset($"processor '{head.Processor}' could not restore its state at row {_applied.Checkpoint}: {exception.Message}");
            return null;
        }
    }

    private void FailDataset(string message)
    {
        DatasetLog.Failed(_services.Logger, _datasetId, _applied.Checkpoint + 1, message);
        _services.Store.FailDatasetAsync(_datasetId, message, CancellationToken.None)
            .PipeTo(Self, success: () => FailureStored.Instance, failure: exception => new StoreFailed("failure", exception));
    }

    private sealed record WorkRead(DatasetWork? Work);

    /// <summary>A batch applied and waiting for its ledger write, with the event that records it.</summary>
    private sealed record Prepared(DatasetBatch Batch, BatchApplied Change);

    private sealed record BatchRecorded(BatchApplied Change, DatasetStatus Status);

    private sealed record StoreFailed(string What, Exception Exception);

    /// <summary>The dataset's failure is in the ledger: nothing more to do until it is resumed.</summary>
    private sealed class FailureStored
    {
        public static readonly FailureStored Instance = new();
    }
}
