using ActorQueue.Actors;
using ActorQueue.Storage;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// What a shard region knows of one dataset it owns: the lease, the actor, and what the actor last said
/// (busy, idle since when, done). Written by the actor, read by the region's pass.
/// </summary>
internal sealed class RegionMember(DatasetLease lease, TimeProvider time, Action onExit)
{
    private long _idleSinceTicks = time.GetUtcNow().UtcTicks;
    private int _exit = -1;
    private long _checkpoint;

    public DatasetLease Lease { get; } = lease;

    public IActorRef? Actor { get; set; }

    /// <summary>A hand-off was asked for; the actor releases the lease after its current batch.</summary>
    public bool HandingOff { get; set; }

    public DatasetActorExit? ExitReason => _exit < 0 ? null : (DatasetActorExit)Volatile.Read(ref _exit);

    public long Checkpoint => Interlocked.Read(ref _checkpoint);

    /// <summary>When the actor last found nothing to do; null while it is working.</summary>
    public DateTimeOffset? IdleSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _idleSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkBusy() => Interlocked.Exchange(ref _idleSinceTicks, 0);

    public void MarkIdle()
    {
        if (Interlocked.Read(ref _idleSinceTicks) == 0)
        {
            Interlocked.Exchange(ref _idleSinceTicks, time.GetUtcNow().UtcTicks);
        }
    }

    public void Progressed(long checkpoint) => Interlocked.Exchange(ref _checkpoint, checkpoint);

    public void Exit(DatasetActorExit reason)
    {
        Volatile.Write(ref _exit, (int)reason);
        onExit();
    }
}
