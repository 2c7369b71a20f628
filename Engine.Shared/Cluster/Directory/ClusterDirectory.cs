using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace ActorQueue.Cluster.Directory;

/// <summary>
/// Keeps <see cref="MembershipView"/> current on every member: Akka's membership and reachability events,
/// plus what each member advertises (<see cref="MemberCapabilities"/>, heard on their topic or asked for when
/// a member appears without them). A member that was removed leaves the view at once, so members that left
/// never pile up. Every change becomes a <see cref="MembershipEvent"/> for <c>aq cluster tail</c>.
/// </summary>
internal sealed class ClusterDirectory : ReceiveActor, IWithTimers
{
    public const string Name = "cluster-directory";

    private static readonly TimeSpan AskAgainEvery = TimeSpan.FromSeconds(1);

    private readonly MembershipView _view;
    private readonly TimeProvider _time;
    private readonly AkkaCluster _cluster;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, MemberInfo> _members = [];
    private readonly Dictionary<string, MemberCapabilities> _capabilities = new(StringComparer.Ordinal);
    private string? _leader;

    public ClusterDirectory(MembershipView view, TimeProvider time)
    {
        _view = view;
        _time = time;
        _cluster = AkkaCluster.Get(Context.System);

        Receive<IMemberEvent>(OnMemberEvent);
        Receive<UnreachableMember>(e => OnReachability(e.Member, reachable: false));
        Receive<ReachableMember>(e => OnReachability(e.Member, reachable: true));
        Receive<LeaderChanged>(e =>
        {
            _leader = e.Leader?.ToString();
            Publish([]);
        });
        Receive<CurrentClusterState>(_ => { });
        Receive<MemberCapabilities>(OnCapabilities);
        Receive<AskMissing>(_ => AskMissingMembers());
        Receive<SubscribeAck>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, InitialStateAsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(MemberCapabilities.Topic, Self));
        Timers.StartPeriodicTimer(nameof(AskMissing), AskMissing.Instance, AskAgainEvery);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnMemberEvent(IMemberEvent e)
    {
        var member = e.Member;
        if (e is MemberRemoved)
        {
            var id = MemberIds.Of(member.UniqueAddress);
            var name = NameOf(id); // before its capabilities are forgotten: the event names the member that left
            _members.Remove(member.UniqueAddress);
            _capabilities.Remove(id);
            Publish([Event("removed", member, reachable: false, name: name)]);
            return;
        }
        _members.TryGetValue(member.UniqueAddress, out var known);
        var info = Describe(member, known);
        _members[member.UniqueAddress] = info;
        if (info.Capabilities is null)
        {
            Ask(member.Address);
        }
        Publish([Event(StatusOf(member.Status), member, info.Reachable, info.Capabilities?.Name)]);
    }

    private void OnReachability(Member member, bool reachable)
    {
        if (!_members.TryGetValue(member.UniqueAddress, out var known))
        {
            return;
        }
        var info = known with { Reachable = reachable };
        _members[member.UniqueAddress] = info;
        Publish([Event(reachable ? "reachable" : "unreachable", member, reachable, info.Capabilities?.Name)]);
    }

    private void OnCapabilities(MemberCapabilities capabilities)
    {
        _capabilities[capabilities.NodeId] = capabilities;
        var entry = _members.FirstOrDefault(m => m.Value.Id == capabilities.NodeId);
        if (entry.Value is null)
        {
            return; // not a member yet: kept until its Joined/Up event comes
        }
        if (entry.Value.Capabilities == capabilities)
        {
            return;
        }
        _members[entry.Key] = entry.Value with { Capabilities = capabilities };
        Publish([new MembershipEvent(_time.GetUtcNow(), "capabilities", capabilities.NodeId, entry.Value.Address, capabilities.Name, entry.Value.Status, entry.Value.Reachable)]);
    }

    private void AskMissingMembers()
    {
        foreach (var info in _members.Values.Where(m => m.Capabilities is null && m.Status is not ("down" or "exiting")))
        {
            Ask(Address.Parse(info.Address));
        }
    }

    private void Ask(Address address) =>
        Context.ActorSelection(new RootActorPath(address) / "user" / CapabilitiesPublisher.Name).Tell(CapabilitiesRequest.Instance, Self);

    private MemberInfo Describe(Member member, MemberInfo? known)
    {
        var id = MemberIds.Of(member.UniqueAddress);
        var status = StatusOf(member.Status);
        return new MemberInfo
        {
            Id = id,
            Address = member.Address.ToString(),
            Roles = [.. member.Roles.Order(StringComparer.Ordinal)],
            Status = status,
            Reachable = known?.Reachable ?? true,
            UpSince = known?.UpSince ?? (member.Status == MemberStatus.Up ? _time.GetUtcNow() : null),
            Version = member.AppVersion?.ToString() ?? "",
            Capabilities = known?.Capabilities ?? _capabilities.GetValueOrDefault(id),
        };
    }

    private string? NameOf(string id) => _capabilities.GetValueOrDefault(id)?.Name;

    private MembershipEvent Event(string kind, Member member, bool reachable, string? name) =>
        new(_time.GetUtcNow(), kind, MemberIds.Of(member.UniqueAddress), member.Address.ToString(), name, StatusOf(member.Status), reachable);

    private void Publish(IReadOnlyList<MembershipEvent> events)
    {
        var self = _cluster.SelfUniqueAddress;
        var snapshot = new MembershipSnapshot(
            MemberIds.Of(self),
            self.Address.ToString(),
            _leader,
            [.. _members.Values.OrderBy(m => m.Address, StringComparer.Ordinal)]);
        _view.Update(snapshot, events);
        foreach (var e in events.Where(e => e.Kind is "down" or "unreachable" or "removed"))
        {
            _log.Info("Member {0} ({1}) is {2}", e.Name ?? e.Address, e.MemberId, e.Kind);
        }
    }

    internal static string StatusOf(MemberStatus status) => status switch
    {
        MemberStatus.WeaklyUp => "weaklyup",
        _ => status.ToString().ToLowerInvariant(),
    };

    private sealed record AskMissing
    {
        public static readonly AskMissing Instance = new();
    }
}

/// <summary>Registers the directory and this member's <see cref="CapabilitiesPublisher"/> with Akka.Hosting.</summary>
internal static class ClusterDirectoryHostingExtensions
{
    public static AkkaConfigurationBuilder AddClusterDirectory(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            registry.Register<CapabilitiesPublisher>(system.ActorOf(resolver.Props<CapabilitiesPublisher>(), CapabilitiesPublisher.Name));
            registry.Register<ClusterDirectory>(system.ActorOf(resolver.Props<ClusterDirectory>(), ClusterDirectory.Name));
        });
}
