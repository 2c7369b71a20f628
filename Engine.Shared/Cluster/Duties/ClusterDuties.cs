using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Akka.Cluster.ClusterEvent;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Cluster.Duties;

/// <summary>
/// The chores that must run exactly once in the cluster, in a cluster singleton (the oldest member: the
/// seed while it lives, else the oldest worker):
/// <list type="bullet">
/// <item>Fence and rescue: the moment the cluster downs or removes a member, the ledger fences its id (it can
/// never claim or finish again, even if it wakes up) and its running jobs go back to the queue. When the
/// singleton starts, members that ran jobs but are not in the cluster are fenced the same way (the embedded
/// seed's previous process, members removed while no singleton ran).</item>
/// <item>The safety net: jobs whose lease lapsed are rescued every <c>Node:RescueIntervalSeconds</c>.</item>
/// <item>Promotion of scheduled and retryable jobs when they fall due, woken early when the schedule changes.</item>
/// <item>Pruning of finished jobs past their retention.</item>
/// <item>The ledger's record of the cluster's members, which a restarted seed reads to join the cluster the
/// workers still form instead of founding a second one.</item>
/// </list>
/// </summary>
internal sealed partial class ClusterDuties : ReceiveActor, IWithTimers
{
    public const string Name = "cluster-duties";

    private static readonly TimeSpan MaxPromoteSleep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecordMembersAfter = TimeSpan.FromMilliseconds(200);

    private readonly IStore _store;
    private readonly JobOptions _jobOptions;
    private readonly WorkerNodeOptions _nodeOptions;
    private readonly MembershipView _view;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterDuties> _logger;
    private readonly AkkaCluster _cluster;
    private readonly Action _onScheduleChanged;
    private bool _promoting;
    private bool _promoteAgain;

    public ClusterDuties(IStore store, JobOptions jobOptions, IOptions<WorkerNodeOptions> nodeOptions, MembershipView view,
        TimeProvider time, ILogger<ClusterDuties> logger)
    {
        _store = store;
        _jobOptions = jobOptions;
        _nodeOptions = nodeOptions.Value;
        _view = view;
        _time = time;
        _logger = logger;
        _cluster = AkkaCluster.Get(Context.System);
        var self = Self;
        _onScheduleChanged = () => self.Tell(Promote.Instance);

        Receive<MemberDowned>(e => Fence(e.Member, "downed by the cluster"));
        Receive<MemberRemoved>(e =>
        {
            Fence(e.Member, e.PreviousStatus == MemberStatus.Exiting ? "left the cluster" : "removed from the cluster");
            RecordMembersSoon();
        });
        Receive<IMemberEvent>(_ => RecordMembersSoon());
        Receive<SweepStrays>(_ => Sweep());
        Receive<Rescue>(_ => RunRescue());
        Receive<Prune>(_ => RunPrune());
        Receive<Promote>(_ => RunPromote());
        Receive<Promoted>(OnPromoted);
        Receive<RecordMembers>(_ => Record());
        Receive<DutyDone>(done => done.Log(_logger));
        Receive<DutyFailed>(failed => ClusterLog.DutyFailed(_logger, failed.Duty, failed.Exception));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        ClusterLog.DutiesStarted(_logger, _view.Current.Self?.Name ?? _cluster.SelfAddress.ToString());
        _cluster.Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent));
        _store.Signals.ScheduleChanged += _onScheduleChanged;
        Timers.StartPeriodicTimer(nameof(Rescue), Rescue.Instance, TimeSpan.FromSeconds(_nodeOptions.RescueIntervalSeconds));
        Timers.StartPeriodicTimer(nameof(Prune), Prune.Instance, TimeSpan.FromSeconds(_nodeOptions.PruneIntervalSeconds));
        Self.Tell(SweepStrays.Instance);
        Self.Tell(Promote.Instance);
    }

    protected override void PostStop()
    {
        _store.Signals.ScheduleChanged -= _onScheduleChanged;
        _cluster.Unsubscribe(Self);
        ClusterLog.DutiesEnded(_logger, _view.Current.Self?.Name ?? _cluster.SelfAddress.ToString());
        base.PostStop();
    }

    private void Fence(Member member, string why)
    {
        var id = MemberIds.Of(member.UniqueAddress);
        var name = _view.Current.Members.FirstOrDefault(m => m.Id == id)?.Name ?? member.Address.ToString();
        _store.FenceNodeAsync(id, $"{name} was {why}", CancellationToken.None)
            .PipeTo(Self, success: rescued => new DutyDone(logger => ClusterLog.MemberFenced(logger, name, id, why, rescued)),
                failure: exception => new DutyFailed("fence", exception));
    }

    /// <summary>
    /// Fences every member that holds running jobs but is not in the cluster. Safe against a member that is
    /// joining now: a member starts its pools only once up, and the leader makes a member up only after every
    /// member (this one included) has seen it join, so it is in <see cref="AkkaCluster.State"/> already.
    /// </summary>
    private void Sweep()
    {
        var members = _cluster.State.Members.Select(m => MemberIds.Of(m.UniqueAddress)).ToHashSet(StringComparer.Ordinal);
        FenceStraysAsync(members).PipeTo(Self, success: rescued => new DutyDone(logger =>
                {
                    if (rescued > 0)
                    {
                        ClusterLog.StraysFenced(logger, rescued);
                    }
                }),
                failure: exception => new DutyFailed("sweep", exception));
    }

    private async Task<int> FenceStraysAsync(IReadOnlySet<string> members)
    {
        var rescued = 0;
        foreach (var nodeId in (await _store.CountRunningByNodeAsync(CancellationToken.None)).Keys.Where(id => !members.Contains(id)))
        {
            rescued += await _store.FenceNodeAsync(nodeId, "not a member of the cluster", CancellationToken.None);
        }
        return rescued;
    }

    private void RunRescue() =>
        _store.RescueAsync(CancellationToken.None).PipeTo(Self,
            success: rescued => new DutyDone(logger =>
            {
                if (rescued > 0)
                {
                    ClusterLog.LapsedRescued(logger, rescued);
                }
            }),
            failure: exception => new DutyFailed("rescue", exception));

    private void RunPrune()
    {
        var now = _time.GetUtcNow();
        var completedBefore = now - TimeSpan.FromHours(_jobOptions.CompletedRetentionHours);
        var discardedBefore = now - TimeSpan.FromHours(_jobOptions.DiscardedRetentionHours);
        PruneAllAsync(completedBefore, discardedBefore).PipeTo(Self,
            success: pruned => new DutyDone(logger =>
            {
                if (pruned > 0)
                {
                    ClusterLog.JobsPruned(logger, pruned);
                }
            }),
            failure: exception => new DutyFailed("prune", exception));
    }

    private async Task<int> PruneAllAsync(DateTimeOffset completedBefore, DateTimeOffset discardedBefore)
    {
        int pruned, total = 0;
        do
        {
            pruned = await _store.PruneAsync(completedBefore, discardedBefore, 5000, CancellationToken.None);
            total += pruned;
        }
        while (pruned > 0);
        return total;
    }

    private void RunPromote()
    {
        if (_promoting)
        {
            _promoteAgain = true;
            return;
        }
        _promoting = true;
        _promoteAgain = false;
        PromoteAsync().PipeTo(Self, failure: exception => new DutyFailed("promote", exception));
    }

    private async Task<Promoted> PromoteAsync()
    {
        var promoted = await _store.PromoteDueAsync(CancellationToken.None);
        var next = await _store.NextDueAtAsync(CancellationToken.None);
        return new Promoted(promoted, next);
    }

    /// <summary>Sleeps until the next job falls due, at most a second, unless the schedule changes first.</summary>
    private void OnPromoted(Promoted promoted)
    {
        _promoting = false;
        if (promoted.Count > 0)
        {
            ClusterLog.JobsPromoted(_logger, promoted.Count);
        }
        if (_promoteAgain)
        {
            RunPromote();
            return;
        }
        var sleep = promoted.NextDue is { } due ? due - _time.GetUtcNow() : MaxPromoteSleep;
        Timers.StartSingleTimer(nameof(Promote), Promote.Instance, sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep < MaxPromoteSleep ? sleep : MaxPromoteSleep);
    }

    private void RecordMembersSoon()
    {
        if (!Timers.IsTimerActive(nameof(RecordMembers)))
        {
            Timers.StartSingleTimer(nameof(RecordMembers), RecordMembers.Instance, RecordMembersAfter);
        }
    }

    private void Record()
    {
        var now = _time.GetUtcNow();
        var names = _view.Current.Members.ToDictionary(m => m.Id, m => m.Capabilities?.Name, StringComparer.Ordinal);
        var members = _cluster.State.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.Joining or MemberStatus.Leaving or MemberStatus.WeaklyUp)
            .Select(m =>
            {
                var id = MemberIds.Of(m.UniqueAddress);
                return new ClusterMemberRecord
                {
                    Address = m.Address.ToString(),
                    NodeId = id,
                    Name = names.GetValueOrDefault(id) ?? m.Address.ToString(),
                    Roles = [.. m.Roles],
                    UpSince = _view.Current.Members.FirstOrDefault(v => v.Id == id)?.UpSince,
                    RecordedAt = now,
                };
            })
            .ToList();
        _store.RecordClusterMembersAsync(members, CancellationToken.None)
            .PipeTo(Self, success: () => new DutyDone(_ => { }), failure: exception => new DutyFailed("record-members", exception));
    }

    private sealed record SweepStrays
    {
        public static readonly SweepStrays Instance = new();
    }

    private sealed record Rescue
    {
        public static readonly Rescue Instance = new();
    }

    private sealed record Prune
    {
        public static readonly Prune Instance = new();
    }

    private sealed record Promote
    {
        public static readonly Promote Instance = new();
    }

    private sealed record Promoted(int Count, DateTimeOffset? NextDue);

    private sealed record RecordMembers
    {
        public static readonly RecordMembers Instance = new();
    }

    private sealed record DutyDone(Action<ILogger> Log);

    private sealed record DutyFailed(string Duty, Exception Exception);
}
