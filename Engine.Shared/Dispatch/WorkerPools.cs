using ActorQueue.Hosting;
using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Dispatch;

/// <summary>
/// This node's queue pools (at <c>/user/pools</c>): one <see cref="QueuePuller"/> per queue, started once
/// this member is up in the cluster (every other member has then seen it join, so the rescue singleton
/// counts it as a member before it claims anything). A <see cref="Drain"/> drains every queue and answers
/// once all are drained.
/// </summary>
internal sealed class WorkerPools : ReceiveActor
{
    public const string Name = "pools";

    private readonly IReadOnlyDictionary<string, int> _queues;
    private readonly NodeIdentity _node;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkerPools> _logger;
    private readonly List<IActorRef> _pullers = [];
    private bool _draining;

    public WorkerPools(IReadOnlyDictionary<string, int> queues, NodeIdentity node, TimeProvider time, ILogger<WorkerPools> logger)
    {
        _queues = queues;
        _node = node;
        _time = time;
        _logger = logger;
        Receive<StartPools>(_ => StartPullers());
        Receive<Drain>(OnDrain);
    }

    /// <summary>
    /// A puller that fails is restarted (its jobs' leases lapse and they are rescued); one that fails ten
    /// times in a minute takes the pools down with it, and they start again from scratch.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void PreStart()
    {
        var self = Self;
        AkkaCluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(StartPools.Instance));
    }

    private void StartPullers()
    {
        if (_pullers.Count > 0 || _draining)
        {
            return;
        }
        var resolver = DependencyResolver.For(Context.System);
        foreach (var (queue, size) in _queues)
        {
            var jobActor = resolver.Props<JobActor>(new CrashBackoff(_time));
            _pullers.Add(Context.ActorOf(resolver.Props<QueuePuller>(queue, size, jobActor), $"queue-{queue}"));
        }
        DispatchLog.PoolsStarted(_logger, _node.Name, string.Join(",", _queues.Select(q => $"{q.Key}={q.Value}")));
    }

    private void OnDrain(Drain drain)
    {
        _draining = true;
        var replyTo = Sender;
        if (_pullers.Count == 0)
        {
            replyTo.Tell(new Drained(0));
            return;
        }
        var answers = _pullers.Select(puller => puller.Ask<Drained>(drain, drain.Deadline + TimeSpan.FromSeconds(10)));
        Task.WhenAll(answers).PipeTo(replyTo, success: all => new Drained(all.Sum(d => d.Unfinished)));
    }

    private sealed record StartPools
    {
        public static readonly StartPools Instance = new();
    }
}

/// <summary>Registers the queue pools with Akka.Hosting and drains them when the member stops or leaves.</summary>
internal static class WorkerPoolsHostingExtensions
{
    public static AkkaConfigurationBuilder AddWorkerPools(this AkkaConfigurationBuilder builder, IReadOnlyDictionary<string, int> queues, TimeSpan drainDeadline) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var pools = system.ActorOf(resolver.Props<WorkerPools>(queues), WorkerPools.Name);
            registry.Register<WorkerPools>(pools);
            var shutdown = CoordinatedShutdown.Get(system);
            // Before the member leaves the cluster: its jobs must end (or go back) while it is still a member,
            // or the rescue singleton would take them from a node that is still running them.
            shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "drain-queue-pools", async () =>
            {
                // A member the cluster downed has lost its jobs already: stop at once instead of waiting.
                var deadline = shutdown.ShutdownReason is CoordinatedShutdown.ClusterDowningReason ? TimeSpan.Zero : drainDeadline;
                await pools.Ask<Drained>(new Drain(deadline), deadline + TimeSpan.FromSeconds(15));
                return global::Akka.Done.Instance;
            });
        });
}
