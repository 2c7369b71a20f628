using System.Collections.Concurrent;
using ActorQueue.Akka;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using ActorQueue.Storage;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;

namespace ActorQueue.Cluster.Signals;

/// <summary>
/// Carries <see cref="JobSignals"/> between members over DistributedPubSub: what this process commits goes
/// out as hints (batched: everything committed while the previous batch was being published leaves in the
/// next), and what other members commit is raised here for local waiters. A member hears only the topics
/// its roles need: workers the work topics, seeds the job changes that waiters and streams follow.
/// </summary>
internal sealed class SignalBridge : ReceiveActor, ISignalOutbox
{
    // Akka's default largest frame is 128 000 bytes; a job change is about 150 bytes of JSON.
    private const int MaxChangesPerHint = 256;

    private readonly JobSignals _signals;
    private readonly NodeIdentity _node;
    private readonly MembershipView _view;
    private readonly IReadOnlyList<string> _topics;
    private readonly IActorRef _mediator;
    private readonly IActorRef _self;
    private readonly ConcurrentQueue<object> _pending = new();
    private int _flushScheduled;

    public SignalBridge(JobSignals signals, NodeIdentity node, MembershipView view, IReadOnlyList<string> topics)
    {
        _signals = signals;
        _node = node;
        _view = view;
        _topics = topics;
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        _self = Self;

        Receive<Flush>(_ => Publish());
        Receive<JobsAvailableHint>(hint => FromOthers(hint.Origin, () => hint.Queues.ToList().ForEach(_signals.RaiseAvailable)));
        Receive<JobChangesHint>(hint => FromOthers(hint.Origin, () => hint.Changes.ToList().ForEach(_signals.RaiseChanged)));
        Receive<CancelRequestedHint>(hint => FromOthers(hint.Origin, () => hint.JobIds.ToList().ForEach(_signals.RaiseCancelRequested)));
        Receive<ScheduleChangedHint>(hint => FromOthers(hint.Origin, _signals.RaiseScheduleChanged));
        Receive<DatasetProgressHint>(hint => FromOthers(hint.Origin, () => hint.DatasetIds.ToList().ForEach(_signals.RaiseDatasetProgress)));
        Receive<SubscribeAck>(_ => { });
    }

    protected override void PreStart()
    {
        foreach (var topic in _topics)
        {
            _mediator.Tell(new Subscribe(topic, Self));
        }
        _signals.Outbox = this;
    }

    protected override void PostStop()
    {
        _signals.Outbox = null;
        base.PostStop();
    }

    void ISignalOutbox.JobsAvailable(string queue) => Enqueue(new Available(queue));

    void ISignalOutbox.Changed(JobChange change) => Enqueue(change);

    void ISignalOutbox.CancelRequested(string jobId) => Enqueue(new Cancel(jobId));

    void ISignalOutbox.ScheduleChanged() => Enqueue(Schedule.Instance);

    void ISignalOutbox.DatasetProgressed(string datasetId) => Enqueue(new Progress(datasetId));

    private void Enqueue(object signal)
    {
        _pending.Enqueue(signal);
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _self.Tell(Flush.Instance);
        }
    }

    private void Publish()
    {
        Volatile.Write(ref _flushScheduled, 0);
        var queues = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<JobChange>();
        var cancels = new List<string>();
        var progress = new HashSet<string>(StringComparer.Ordinal);
        var schedule = false;
        while (_pending.TryDequeue(out var signal))
        {
            switch (signal)
            {
                case Available available: queues.Add(available.Queue); break;
                case JobChange change: changes.Add(change); break;
                case Cancel cancel: cancels.Add(cancel.JobId); break;
                case Progress dataset: progress.Add(dataset.DatasetId); break;
                case Schedule: schedule = true; break;
            }
        }
        if (_view.Current.Members.Length <= 1)
        {
            return; // alone (the embedded seed): every signal was raised here already, nobody else listens
        }
        var origin = _node.Id;
        if (queues.Count > 0)
        {
            _mediator.Tell(new Publish(SignalTopics.JobsAvailable, new JobsAvailableHint(origin, [.. queues])));
        }
        foreach (var chunk in changes.Chunk(MaxChangesPerHint))
        {
            _mediator.Tell(new Publish(SignalTopics.JobChanges, new JobChangesHint(origin, chunk)));
        }
        if (cancels.Count > 0)
        {
            _mediator.Tell(new Publish(SignalTopics.CancelRequested, new CancelRequestedHint(origin, cancels)));
        }
        if (schedule)
        {
            _mediator.Tell(new Publish(SignalTopics.ScheduleChanged, new ScheduleChangedHint(origin)));
        }
        if (progress.Count > 0)
        {
            _mediator.Tell(new Publish(SignalTopics.DatasetProgress, new DatasetProgressHint(origin, [.. progress])));
        }
    }

    private void FromOthers(string origin, Action raise)
    {
        if (origin != _node.Id)
        {
            raise();
        }
    }

    /// <summary>The topics a member with these roles listens to.</summary>
    public static IReadOnlyList<string> TopicsFor(AkkaNodeSettings settings)
    {
        var topics = new List<string> { SignalTopics.ScheduleChanged };
        if (settings.IsWorker)
        {
            topics.AddRange([SignalTopics.JobsAvailable, SignalTopics.CancelRequested]);
        }
        if (settings.IsSeed)
        {
            topics.AddRange([SignalTopics.JobChanges, SignalTopics.DatasetProgress]);
        }
        return topics;
    }

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed record Available(string Queue);

    private sealed record Cancel(string JobId);

    private sealed record Progress(string DatasetId);

    private sealed record Schedule
    {
        public static readonly Schedule Instance = new();
    }
}

/// <summary>Registers the <see cref="SignalBridge"/> (one per member) with Akka.Hosting.</summary>
internal static class SignalBridgeHostingExtensions
{
    public static AkkaConfigurationBuilder AddSignalBridge(this AkkaConfigurationBuilder builder, AkkaNodeSettings settings) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var bridge = system.ActorOf(resolver.Props<SignalBridge>(SignalBridge.TopicsFor(settings)), "signals");
            registry.Register<SignalBridge>(bridge);
        });
}
