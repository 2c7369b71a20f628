using ActorQueue.Hosting.Dispatch;

namespace ActorQueue.Hosting;

internal sealed partial class WorkerNode
{
    /// <summary>
    /// Renews the leases of every job this node runs at a third of the lease time. A long job on a live
    /// node therefore never lapses and never runs twice. (Membership heartbeats are the MembershipService's.)
    /// </summary>
    private async Task KeepLeasesAsync()
    {
        var interval = TimeSpan.FromTicks(_jobOptions.Lease.Ticks / 3);
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RenewOnceAsync(stopping);
        }
    }

    internal async Task RenewOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ids = _dispatchers.SelectMany(d => d.RunningIds).ToList();
            var renewal = await _store.RenewLeasesAsync(_node.Id, ids, cancellationToken);
            foreach (var id in renewal.CancelRequested)
            {
                Stop(id, StopReason.CancelRequested);
            }
            foreach (var id in renewal.Lost)
            {
                // A job that finished since the snapshot is "lost" too, harmlessly: only report real losses.
                if (Stop(id, StopReason.LeaseLost))
                {
                    HostingLog.LeaseLost(_logger, id);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            HostingLog.LeaseRenewalFailed(_logger, exception);
        }
    }

    private bool Stop(string jobId, StopReason reason) => _dispatchers.Any(d => d.TryStop(jobId, reason));
}
