using ActorQueue.Jobs;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Dashboard.Activity;

/// <summary>
/// The last <see cref="Capacity"/> job changes seen, to count each once: in cluster mode a seed can hear the
/// same change more than once (the PostgreSQL notification and the cluster's pub-sub hint both carry it).
/// A change is its job, state and attempt, which no later change repeats.
/// </summary>
internal sealed class RecentChanges
{
    public const int Capacity = 65_536;

    private readonly Lock _lock = new();
    private readonly HashSet<(string JobId, JobState State, int Attempt)> _seen = [];
    private readonly Queue<(string JobId, JobState State, int Attempt)> _order = new();

    /// <summary>True the first time <paramref name="change"/> is seen.</summary>
    public bool FirstTime(JobChange change)
    {
        var key = (change.JobId, change.State, change.Attempt);
        lock (_lock)
        {
            if (!_seen.Add(key))
            {
                return false;
            }
            _order.Enqueue(key);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
