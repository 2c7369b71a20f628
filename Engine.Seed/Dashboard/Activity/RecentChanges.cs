using ActorQueue.Jobs;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Dashboard.Activity;

/// <summary>
/// The last <see cref="Capacity"/> job changes seen, to count each once: in cluster mode a seed can hear the
/// same change more than once (the PostgreSQL notification and the cluster's pub-sub hints both carry it, with
/// the time of its commit). A change is its job, state, attempt and that time: a re-driven job that fails its
/// attempt 1 again is a new change.
/// </summary>
internal sealed class RecentChanges
{
    public const int Capacity = 65_536;

    private readonly Lock _lock = new();
    private readonly HashSet<(string JobId, JobState State, int Attempt, DateTimeOffset At)> _seen = [];
    private readonly Queue<(string JobId, JobState State, int Attempt, DateTimeOffset At)> _order = new();

    /// <summary>True the first time <paramref name="change"/> is seen.</summary>
    public bool FirstTime(JobChange change)
    {
        var key = (change.JobId, change.State, change.Attempt, change.At);
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
