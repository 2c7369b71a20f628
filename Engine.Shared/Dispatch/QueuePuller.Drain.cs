using ActorQueue.Jobs;
using Akka.Actor;

namespace ActorQueue.Dispatch;

internal sealed partial class QueuePuller
{
    private bool _draining;
    private IActorRef? _drainedReplyTo;
    private int _stoppedAtDeadline;

    /// <summary>
    /// Stops claiming, gives back what has not started (attempt not counted), lets running attempts finish
    /// until the deadline, then stops them (their handlers hand them back). Answers <see cref="Drained"/> when
    /// every outcome is written.
    /// </summary>
    private void OnDrain(Drain drain)
    {
        _draining = true;
        _drainedReplyTo = Sender;
        while (_buffer.TryDequeue(out var job))
        {
            _outcomes.Add(new(job, new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch) { RowKey = job.RowKey, Queue = job.Queue }));
        }
        if (_running.Count > 0)
        {
            DispatchLog.NodeDraining(_logger, drain.Deadline.TotalSeconds, _running.Count);
            Timers.StartSingleTimer(nameof(DrainDeadline), DrainDeadline.Instance, drain.Deadline);
        }
        Record();
        CheckDrained();
    }

    private void OnDrainDeadline()
    {
        _stoppedAtDeadline = _running.Count;
        if (_stoppedAtDeadline > 0)
        {
            DispatchLog.DrainDeadline(_logger, _queue, _stoppedAtDeadline);
        }
        foreach (var running in _running.Values)
        {
            running.Stop(StopReason.Shutdown);
        }
    }

    private void CheckDrained()
    {
        if (_drainedReplyTo is null || _running.Count > 0 || _buffer.Count > 0 || _outcomes.Count > 0 || _recording)
        {
            return;
        }
        DispatchLog.QueueDrained(_logger, _queue);
        _drainedReplyTo.Tell(new Drained(_stoppedAtDeadline));
        _drainedReplyTo = null;
        Timers.Cancel(nameof(DrainDeadline));
    }

    private sealed record DrainDeadline
    {
        public static readonly DrainDeadline Instance = new();
    }
}
