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
    private IReadOnlyList<StoredRow>? _prefetched;
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
        var rows = _prefetched ?? await store.ReadRowsAsync(lease.DatasetId, applier.Checkpoint, options.BatchSize, Context.Stopping);
        _prefetched = null;
        if (rows.Count == 0)
        {
            member.MarkIdle();
            return;
        }
        member.MarkBusy();
        var batch = applier.Apply(rows);
        var commit = store.CommitDatasetBatchAsync(lease, batch, options.Lease, CancellationToken.None);
        // Read the next rows while this batch commits: the rows after it do not depend on the commit.
        var next = rows.Count == options.BatchSize && batch.Failure is null
            ? store.ReadRowsAsync(lease.DatasetId, batch.ToSeq, options.BatchSize, Context.Stopping)
            : null;
        DatasetStatus status;
        try
        {
            status = await commit;
        }
        catch (DatasetLeaseLostException)
        {
            applier.Rollback();
            await ForgetAsync(next);
            _done = true;
            DatasetLog.LeaseLost(logger, lease.DatasetId, lease.Epoch);
            member.Exit(DatasetActorExit.LeaseLost);
            return;
        }
        catch
        {
            applier.Rollback();
            await ForgetAsync(next);
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
        if (next is not null)
        {
            _prefetched = await next;
            // Go on, but after whatever else is in the mailbox (a hand-off).
            Self.TryTell(ProcessRows.Instance);
        }
        else
        {
            member.MarkIdle();
        }
    }

    private static async Task ForgetAsync(Task<IReadOnlyList<StoredRow>>? prefetch)
    {
        if (prefetch is null)
        {
            return;
        }
        try
        {
            await prefetch;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The batch it was read for did not commit; its error does not matter.
        }
    }

    private IActorRef Self => Context.Self;
}
