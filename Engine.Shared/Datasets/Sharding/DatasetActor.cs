using ActorQueue.Actors;
using ActorQueue.Storage;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// The single writer of one dataset while its node holds the lease. It recovers the state from the stored
/// snapshot, then loops: read the rows after the checkpoint, apply them in order, and commit results,
/// snapshot, checkpoint and lease renewal in ONE transaction fenced by owner and epoch. Messages are
/// handled one at a time, so a hand-off always lands between two batches.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's end of life is PostStopAsync, which disposes it.")]
internal sealed class DatasetActor(
    DatasetLease lease,
    IRowProcessor processor,
    IDatasetStore store,
    DatasetOptions options,
    RegionMember member,
    ILogger logger) : Actor
{
    private RowApplier? _applier;
    private bool _done;

    protected internal override async Task PreStartAsync()
    {
        // After a crash and restart too: recover from what is committed, never from memory.
        var info = await store.GetDatasetAsync(lease.DatasetId, Context.Stopping) ?? throw new DatasetNotFoundException(lease.DatasetId);
        _applier = new RowApplier(processor, info.OptionsJson, info.OnError, info.StateJson, info.RowsProcessed);
    }

    protected internal override Task PostStopAsync()
    {
        _applier?.Dispose();
        return Task.CompletedTask;
    }

    protected internal override async Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case ProcessRows when !_done:
                await ProcessBatchAsync();
                break;
            case HandOff handOff when !_done:
                _done = true;
                await store.ReleaseDatasetLeaseAsync(lease, CancellationToken.None);
                DatasetLog.HandedOff(logger, lease.DatasetId, _applier!.Checkpoint, handOff.Reason);
                member.Exit(DatasetActorExit.HandedOff);
                Context.Respond(true);
                break;
            case HandOff:
                Context.Respond(true);
                break;
        }
    }

    private async Task ProcessBatchAsync()
    {
        var applier = _applier!;
        var rows = await store.ReadRowsAsync(lease.DatasetId, applier.Checkpoint, options.BatchSize, Context.Stopping);
        if (rows.Count == 0)
        {
            member.MarkIdle();
            return;
        }
        member.MarkBusy();
        var batch = applier.Apply(rows);
        DatasetStatus status;
        try
        {
            status = await store.CommitDatasetBatchAsync(lease, batch, options.Lease, CancellationToken.None);
        }
        catch (DatasetLeaseLostException)
        {
            applier.Rollback();
            _done = true;
            DatasetLog.LeaseLost(logger, lease.DatasetId, lease.Epoch);
            member.Exit(DatasetActorExit.LeaseLost);
            return;
        }
        catch
        {
            applier.Rollback();
            throw;
        }
        applier.Committed(batch);
        DatasetLog.BatchCommitted(logger, lease.DatasetId, batch.FromSeq + 1, batch.ToSeq, batch.Skipped.Count);
        member.Progressed(batch.ToSeq);
        switch (status)
        {
            case DatasetStatus.Completed:
                _done = true;
                DatasetLog.Completed(logger, lease.DatasetId, batch.ToSeq);
                member.Exit(DatasetActorExit.Completed);
                return;
            case DatasetStatus.Failed:
                _done = true;
                DatasetLog.Failed(logger, lease.DatasetId, batch.Failure!.Seq, batch.Failure.Message);
                member.Exit(DatasetActorExit.Failed);
                return;
        }
        if (rows.Count == options.BatchSize)
        {
            // There may be more: go on, but after whatever else is in the mailbox (a hand-off).
            Self.TryTell(ProcessRows.Instance);
        }
        else
        {
            member.MarkIdle();
        }
    }

    private IActorRef Self => Context.Self;
}
