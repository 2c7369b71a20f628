using ActorQueue.Hosting;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using static Akka.Cluster.ClusterEvent;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorQueue.Datasets.Sharding;

/// <summary>
/// The safety net under the nudges, as a cluster singleton: every <see cref="DatasetOptions.SweepInterval"/> it
/// nudges every dataset that has rows waiting. A nudge lost in a hand-off or a shard restart (akka.net #8501,
/// #8572) thus costs at most one interval, never a row. When a member is removed, it sweeps at once and then
/// every <see cref="FastInterval"/> for <see cref="FastFor"/>: the shard coordinator moves a dead node's shards only
/// after the cluster's removal margin, and a dataset should start elsewhere the moment it can, not a sweep later.
/// </summary>
internal sealed class DatasetSweeper : ReceiveActor, IWithTimers
{
    public const string Name = "dataset-sweeper";

    /// <summary>How often the sweep runs right after a member was removed.</summary>
    public static readonly TimeSpan FastInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the fast sweeps go on after a removal: the removal margin and the coordinator's hand-over, with room.</summary>
    public static readonly TimeSpan FastFor = TimeSpan.FromSeconds(6);

    private readonly IDatasetStore _store;
    private readonly DatasetOptions _options;
    private readonly NodeIdentity _node;
    private readonly ILogger _logger;
    private IActorRef? _region;
    private bool _sweeping;
    private bool _again;
    private int _fastTicksLeft;

    public DatasetSweeper(IDatasetStore store, DatasetOptions options, NodeIdentity node, ILoggerFactory loggers)
    {
        _store = store;
        _options = options;
        _node = node;
        _logger = loggers.CreateLogger<DatasetSweeper>();

        Receive<IActorRef>(region =>
        {
            _region = region;
            Sweep();
        });
        Receive<Tick>(_ => Sweep());
        Receive<FastTick>(_ =>
        {
            if (--_fastTicksLeft <= 0)
            {
                Timers.Cancel(nameof(FastTick));
            }
            Sweep();
        });
        Receive<MemberRemoved>(_ =>
        {
            _fastTicksLeft = (int)(FastFor / FastInterval);
            Timers.StartPeriodicTimer(nameof(FastTick), FastTick.Instance, FastInterval);
            Sweep();
        });
        Receive<CurrentClusterState>(_ => { });
        Receive<Pending>(OnPending);
        Receive<Status.Failure>(failure =>
        {
            _sweeping = false;
            DatasetLog.SweepFailed(_logger, _options.SweepIntervalSeconds, failure.Cause);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        DatasetLog.SweepStarted(_logger, _node.Name, _options.SweepIntervalSeconds);
        // The region (or proxy) is registered once it has started; it may not have yet.
        ActorRegistry.For(Context.System).GetAsync<DatasetRegion>().PipeTo(Self);
        AkkaCluster.Get(Context.System).Subscribe(Self, InitialStateAsSnapshot, typeof(MemberRemoved));
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _options.SweepInterval);
    }

    protected override void PostStop()
    {
        AkkaCluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    private void Sweep()
    {
        if (_region is null)
        {
            return;
        }
        if (_sweeping)
        {
            _again = true;
            return;
        }
        _sweeping = true;
        _again = false;
        _store.ListPendingDatasetsAsync(CancellationToken.None).PipeTo(Self, success: ids => new Pending(ids));
    }

    private void OnPending(Pending pending)
    {
        _sweeping = false;
        foreach (var id in pending.Ids)
        {
            _region!.Tell(new NudgeDataset(id));
        }
        if (pending.Ids.Count > 0)
        {
            DatasetLog.Swept(_logger, pending.Ids.Count);
        }
        if (_again)
        {
            Sweep();
        }
    }

    private sealed record Pending(IReadOnlyList<string> Ids);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class FastTick
    {
        public static readonly FastTick Instance = new();
    }
}
