using ActorQueue.Datasets.Persistence;
using ActorQueue.Datasets.Sharding;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;

namespace ActorQueue.Datasets.Entity;

/// <summary>
/// The one writer of one dataset: a persistent actor (persistence id <c>dataset-{id}</c>) that Akka.Cluster.Sharding
/// runs on one worker node at a time. It pulls the rows after its checkpoint from the ledger in batches, applies
/// the processor to each in order, writes the batch's outputs to the ledger (idempotently, by sequence number),
/// then persists ONE event per batch with the new checkpoint and what the batch changed (<see cref="BatchApplied"/>),
/// and a snapshot every <see cref="DatasetOptions.SnapshotEveryBatches"/> batches. Recovery is the last snapshot
/// plus the events after it, applied by the same <see cref="DatasetState.Apply"/>.
/// </summary>
/// <remarks>
/// Exactly-once: a batch whose outputs reached the ledger but whose event did not is applied again after a crash,
/// from the same state to the same rows, so it writes the same outputs, which the ledger already has. (When that
/// batch completed the dataset, nothing needs the journal any more; when it failed it, a resume catches up from the
/// journal's checkpoint.) Two
/// incarnations at once (a frozen owner that wakes after another node took over) cannot both persist a step: the
/// journal's unique (persistence_id, sequence_number) refuses the second, and that incarnation stops. What reaches
/// the entity from outside is only <see cref="NudgeDataset"/>: it reads everything it acts on from the ledger.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's end of life is PostStop, which disposes it.")]
internal sealed partial class DatasetEntity : ReceivePersistentActor
{
    /// <summary>
    /// Events persisted asynchronously but not yet acknowledged, at most: the next batches go on while they are
    /// written, and the journal writes several in one transaction (on SQLite one commit is one fsync).
    /// </summary>
    private const int MaxEventsInFlight = 8;

    private readonly string _datasetId;
    private readonly DatasetEntityServices _services;

    /// <summary>As of the last event the journal acknowledged: what a snapshot holds.</summary>
    private DatasetState _persisted = DatasetState.Empty;

    /// <summary>As of the last batch applied (its outputs written or being written, its event maybe not yet).</summary>
    private DatasetState _applied = DatasetState.Empty;

    public DatasetEntity(string datasetId, DatasetEntityServices services)
    {
        _datasetId = datasetId;
        _services = services;
        PersistenceId = PersistenceIdOf(datasetId);

        Recover<SnapshotOffer>(offer => _persisted = offer.Snapshot is DatasetSnapshot snapshot
            ? DatasetState.From(snapshot)
            : throw new DatasetJournalException($"the snapshot store holds a {offer.Snapshot?.GetType().Name ?? "null"} for this dataset, not a dataset snapshot"));
        Recover<BatchApplied>(e => _persisted = _persisted.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<NudgeDataset>(_ => Pull());
        Command<WorkRead>(OnWorkRead);
        Command<BatchRecorded>(OnBatchRecorded);
        Command<StoreFailed>(OnStoreFailed);
        Command<FailureStored>(_ => StopAfterBatch("failed"));
        Command<StopDatasetEntity>(_ => StopAfterBatch("handed off"));
        Command<ReceiveTimeout>(_ => OnIdle());
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => DatasetLog.SnapshotFailed(_services.Logger, _datasetId, failed.Metadata.SequenceNr, failed.Cause));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string datasetId) => "dataset-" + datasetId;

    public static Props Props(string datasetId, DatasetEntityServices services) =>
        global::Akka.Actor.Props.Create(() => new DatasetEntity(datasetId, services));

    protected override void PreStart()
    {
        base.PreStart();
        // Idle for this long (no rows, no nudge): ask the shard to passivate this entity.
        Context.SetReceiveTimeout(_services.Options.PassivateAfter);
    }

    private void OnRecovered()
    {
        _applied = _persisted;
        DatasetLog.Recovered(_services.Logger, _datasetId, _services.Node.Name, _persisted.Checkpoint, LastSequenceNr);
        Pull();
    }

    private void OnIdle()
    {
        if (!Busy && !_stopping)
        {
            DatasetLog.Passivating(_services.Logger, _datasetId, _applied.Checkpoint);
            Context.Parent.Tell(new Passivate(StopDatasetEntity.Instance));
        }
    }

    /// <summary>
    /// The journal or snapshot store could not be read. Unreadable data (an unknown manifest, damaged bytes,
    /// events that do not follow each other) fails this dataset with the reason, since no retry can fix it; an
    /// unreachable database only stops this entity, and the next nudge tries again.
    /// </summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        if (DatasetJournalException.IsUnreadableData(reason, out var cause))
        {
            var why = $"the journal of this dataset cannot be read ({cause.Message}); its state cannot be recovered, so no row after {_persisted.Checkpoint} is processed";
            DatasetLog.JournalUnreadable(_services.Logger, _datasetId, cause.Message, reason);
            var logger = _services.Logger;
            var id = _datasetId;
            _ = _services.Store.FailDatasetAsync(id, why, CancellationToken.None).ContinueWith(
                failed => DatasetLog.StoreFailed(logger, id, "failure", failed.Exception!),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else
        {
            DatasetLog.RecoveryFailed(_services.Logger, _datasetId, reason);
        }
    }

    /// <summary>Another incarnation persisted this step first (or the journal is down): everything this one would write is refused; it stops.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        DatasetLog.PersistFailed(_services.Logger, _datasetId, sequenceNr, cause);

    /// <summary>The journal refused the event (it could not be serialized): stop, so that the next incarnation recovers from what is stored.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        DatasetLog.PersistFailed(_services.Logger, _datasetId, sequenceNr, cause);
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _applier?.Dispose();
        base.PostStop();
    }
}
