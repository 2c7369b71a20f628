using ActorQueue.Logging;
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
        var claims = _running.Values.Select(r => r.Job)
            .Concat(_buffer)
            .Concat(_outcomes.Select(o => o.Job))
            .Concat(_inRecord.Select(o => o.Job))
            .Select(job => new HeldClaim(job.Id, job.Epoch))
            .ToList();
        // Asked even with nothing held: an idle member learns this way that it was fenced.
        _store.RenewClaimsAsync(_node.Id, claims, CancellationToken.None)
            .PipeTo(Self, success: renewal => new Renewed(renewal), failure: exception => new RenewFailed(exception));
    }

    private void OnRenewed(Renewed renewed)
    {
        var renewal = renewed.Renewal;
        if (renewal.Fence is { } fence)
        {
            Fenced(new NodeFencedException(fence));
            return;
        }
        foreach (var claim in renewal.CancelRequested)
        {
            OnStop(new StopJob(claim.JobId, StopReason.CancelRequested));
        }
        foreach (var id in renewal.Lost.Select(claim => claim.JobId))
        {
            // A job that finished since the renewal was sent is "lost" too, harmlessly: only report real losses.
            if (_running.TryGetValue(id, out var running))
            {
                running.Stop(StopReason.LeaseLost);
                using var scope = _logger.BeginJobScope(id, running.Job.TraceParent);
                DispatchLog.LeaseLost(_logger, id);
            }
            else if (_buffer.FirstOrDefault(job => job.Id == id) is { } waiting)
            {
                var kept = _buffer.Where(job => job.Id != id).ToList();
                _buffer.Clear();
                kept.ForEach(_buffer.Enqueue);
                using var scope = _logger.BeginJobScope(id, waiting.TraceParent);
                DispatchLog.LeaseLost(_logger, id);
            }
        }
    }

    private sealed record RenewLeases
    {
        public static readonly RenewLeases Instance = new();
    }

    private sealed record Renewed(ClaimRenewal Renewal);

    private sealed record RenewFailed(Exception Exception);
}
