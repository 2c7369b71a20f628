using ActorQueue.Storage;
using Akka.Actor;

namespace ActorQueue.Dispatch;

internal sealed partial class QueuePuller
{
    /// <summary>
    /// Renews the lease of every job this puller holds (running, waiting for an actor, or with an outcome
    /// not yet written) at a third of the lease time: a long job on a live node never lapses. The answer
    /// also says which were asked to cancel, which were lost, and whether this node was fenced.
    /// </summary>
    private void Renew()
    {
        var ids = _running.Keys
            .Concat(_buffer.Select(job => job.Id))
            .Concat(_outcomes.Select(o => o.Job.Id))
            .Concat(_inRecord.Select(o => o.Job.Id))
            .ToList();
        if (ids.Count == 0)
        {
            return;
        }
        _store.RenewLeasesAsync(_node.Id, ids, CancellationToken.None)
            .PipeTo(Self, success: renewal => new Renewed(renewal), failure: exception => new RenewFailed(exception));
    }

    private void OnRenewed(Renewed renewed)
    {
        var renewal = renewed.Renewal;
        if (renewal.Fenced is { } why)
        {
            Fenced(new NodeFencedException(why));
            return;
        }
        foreach (var id in renewal.CancelRequested)
        {
            OnStop(new StopJob(id, StopReason.CancelRequested));
        }
        foreach (var id in renewal.Lost)
        {
            // A job that finished since the renewal was sent is "lost" too, harmlessly: only report real losses.
            if (_running.TryGetValue(id, out var running))
            {
                running.Stop(StopReason.LeaseLost);
                DispatchLog.LeaseLost(_logger, id);
            }
            else if (_buffer.Any(job => job.Id == id))
            {
                var kept = _buffer.Where(job => job.Id != id).ToList();
                _buffer.Clear();
                kept.ForEach(_buffer.Enqueue);
                DispatchLog.LeaseLost(_logger, id);
            }
        }
    }

    private sealed record RenewLeases
    {
        public static readonly RenewLeases Instance = new();
    }

    private sealed record Renewed(LeaseRenewal Renewal);

    private sealed record RenewFailed(Exception Exception);
}
