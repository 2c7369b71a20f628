using ActorQueue.Datasets.Persistence;
using ActorQueue.Storage;
using Akka.Actor;

namespace ActorQueue.Datasets.Entity;

/// <summary>
/// The batch pipeline: read (the next batch is read while the current one is written), apply, write the outputs
/// to the ledger, persist the event. At most one ledger write and <see cref="MaxEventsInFlight"/> events are in
/// flight; events are persisted in batch order, after their batch's ledger write.
/// </summary>
internal sealed partial class DatasetEntity
{
    private RowApplier? _applier;
    private RowsRead? _prefetched;
    private bool _reading;
    private bool _recording;
    private int _persisting;
    private bool _wanted;
    private bool _stopping;

    private bool Busy => _reading || _recording || _persisting > 0 || _prefetched is not null;

    /// <summary>A nudge: read the rows after the checkpoint now, or once the batch in hand is written.</summary>
    private void Pull()
    {
        if (_stopping)
        {
            return;
        }
        if (_reading || _recording || _prefetched is not null || _persisting >= MaxEventsInFlight)
        {
            _wanted = true;
            return;
        }
        _wanted = false;
        StartRead(_applied.Checkpoint);
    }

    private void StartRead(long after)
    {
        _reading = true;
        ReadAsync(_services.Store, _datasetId, after, _services.Options.BatchSize)
            .PipeTo(Self, failure: exception => new StoreFailed("read", exception));
    }

    private static async Task<RowsRead> ReadAsync(IDatasetStore store, string id, long after, int batchSize)
    {
        var head = await store.GetDatasetHeadAsync(id, CancellationToken.None);
        var rows = head is { Status: DatasetStatus.Open or DatasetStatus.Sealed } && head.RowsReceived > after
            ? await store.ReadRowsAsync(id, after, batchSize, CancellationToken.None)
            : [];
        return new RowsRead(head, after, rows);
    }

    private void OnRowsRead(RowsRead read)
    {
        _reading = false;
        if (_stopping)
        {
            return;
        }
        if (read.After != _applied.Checkpoint)
        {
            // Read for a batch that did not happen (it failed and this entity is stopping): read again.
            Pull();
            return;
        }
        if (_recording || _persisting >= MaxEventsInFlight)
        {
            _prefetched = read;
            return;
        }
        Process(read);
    }

    private void Process(RowsRead read)
    {
        if (read.Head is not { } head)
        {
            DatasetLog.Unknown(_services.Logger, _datasetId);
            Context.Stop(Self);
            return;
        }
        if (read.Rows.Count == 0)
        {
            // Nothing after the checkpoint, or the dataset is completed or failed: idle until nudged.
            if (_wanted && head.Status is DatasetStatus.Open or DatasetStatus.Sealed)
            {
                Pull();
            }
            return;
        }
        if (ApplierFor(head) is not { } applier)
        {
            return;
        }
        DatasetBatch batch;
        try
        {
            batch = applier.Apply(read.Rows, head.OnError, _applied.ErrorCount);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
        {
            DatasetLog.StoreFailed(_services.Logger, _datasetId, "rows", exception);
            StopAfterBatch("the rows could not be read");
            return;
        }
        var change = _applied.Change(batch);
        _applied = _applied.Apply(change);
        _recording = true;
        var more = read.Rows.Count == _services.Options.BatchSize && batch.Failure is null;
        _services.Store.RecordBatchAsync(_datasetId, batch, CancellationToken.None)
            .PipeTo(Self, success: status => new BatchRecorded(change, status, more), failure: exception => new StoreFailed("write", exception));
        if (more && !_reading)
        {
            // The rows after this batch do not depend on its write: read them while it is written.
            StartRead(batch.ToSeq);
        }
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
            Continue(more: false);
        });
        DatasetLog.BatchWritten(_services.Logger, _datasetId, change.From + 1, change.To, change.Skipped);
        switch (recorded.Status)
        {
            case DatasetStatus.Completed:
                DatasetLog.Completed(_services.Logger, _datasetId, change.To);
                _prefetched = null;
                return;
            case DatasetStatus.Failed:
                if (change.Failure is { } failure)
                {
                    DatasetLog.Failed(_services.Logger, _datasetId, failure.Seq, failure.Message);
                }
                _prefetched = null;
                return;
        }
        Continue(recorded.More);
    }

    /// <summary>After a write or an event: stop if asked to, else go on with the next batch if there is one.</summary>
    private void Continue(bool more)
    {
        if (_stopping)
        {
            if (!_recording && _persisting == 0)
            {
                Context.Stop(Self);
            }
            return;
        }
        if (_recording || _persisting >= MaxEventsInFlight)
        {
            return;
        }
        if (_prefetched is { } next)
        {
            _prefetched = null;
            Process(next);
            return;
        }
        if (!_reading && (more || _wanted))
        {
            _wanted = false;
            StartRead(_applied.Checkpoint);
        }
    }

    /// <summary>Finishes the batch being written (its ledger write and event), then stops.</summary>
    private void StopAfterBatch(string reason)
    {
        if (!_stopping)
        {
            DatasetLog.Stopping(_services.Logger, _datasetId, _applied.Checkpoint, reason);
        }
        _stopping = true;
        _prefetched = null;
        _wanted = false;
        if (!_recording && _persisting == 0)
        {
            Context.Stop(Self);
        }
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

    private sealed record RowsRead(DatasetHead? Head, long After, IReadOnlyList<StoredRow> Rows);

    private sealed record BatchRecorded(BatchApplied Change, DatasetStatus Status, bool More);

    private sealed record StoreFailed(string What, Exception Exception);

    /// <summary>The dataset's failure is in the ledger: nothing more to do until it is resumed.</summary>
    private sealed class FailureStored
    {
        public static readonly FailureStored Instance = new();
    }
}
