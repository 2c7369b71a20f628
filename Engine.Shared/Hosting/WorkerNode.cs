using ActorQueue.Actors;
using ActorQueue.Cluster;
using ActorQueue.Hosting.Dispatch;
using ActorQueue.Jobs;
using ActorQueue.Metrics;
using ActorQueue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorQueue.Hosting;

/// <summary>
/// The worker node: one supervised round-robin pool of <see cref="JobWorkerActor"/>s and one dispatcher
/// per queue, plus the lease keeper that renews this node's running jobs and heartbeats its membership.
/// The same host runs inside the embedded seed and in <c>Engine.Node</c>.
/// </summary>
internal sealed partial class WorkerNode : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly IStore _store;
    private readonly NodeIdentity _node;
    private readonly WorkerNodeOptions _options;
    private readonly JobOptions _jobOptions;
    private readonly RetryPolicy _retryPolicy;
    private readonly JobInstruments _metrics;
    private readonly LocalKinds _localKinds;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<WorkerNode> _logger;
    private readonly List<QueueDispatcher> _dispatchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private ActorSystem? _actors;
    private Task _leaseKeeper = Task.CompletedTask;

    public WorkerNode(IServiceProvider services, IStore store, NodeIdentity node, IOptions<WorkerNodeOptions> options,
        JobOptions jobOptions, RetryPolicy retryPolicy, JobInstruments metrics, LocalKinds localKinds, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _services = services;
        _store = store;
        _node = node;
        _options = options.Value;
        _jobOptions = jobOptions;
        _retryPolicy = retryPolicy;
        _metrics = metrics;
        _localKinds = localKinds;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<WorkerNode>();
    }

    public IReadOnlyList<QueueDispatcher> Dispatchers => _dispatchers;

    /// <summary>Jobs this node is running now.</summary>
    public int RunningCount => _dispatchers.Sum(d => d.RunningCount);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var queues = _options.EffectiveQueues;
        foreach (var (queue, size) in queues)
        {
            if (!JobSubmissionValidator.IsValidQueueName(queue) || size is < 1 or > 1024)
            {
                throw new InvalidOperationException(
                    $"Node:Queues:{queue}={size} is not valid: queue names use letters, digits, '.', '_' or '-', and pool sizes are 1–1024.");
            }
        }
        _actors = new ActorSystem(_node.Name, _time, _loggerFactory);
        _actors.Escalated += OnEscalated;
        foreach (var (queue, size) in queues)
        {
            var pool = _actors.RoundRobinPool(WorkerProps(), size, $"jobs-{queue}", preferIdle: true);
            var dispatcher = new QueueDispatcher(queue, size, pool, _store, _node, _retryPolicy, _metrics, _time,
                _loggerFactory.CreateLogger<QueueDispatcher>(), () => _localKinds.IsQueueOpen(queue));
            _dispatchers.Add(dispatcher);
        }
        _store.Signals.CancelRequested += OnCancelRequested;
        foreach (var dispatcher in _dispatchers)
        {
            dispatcher.Start();
        }
        _leaseKeeper = Task.Run(KeepLeasesAsync, CancellationToken.None);
        HostingLog.NodeStarted(_logger, _node.Name, _node.Role.ToString().ToLowerInvariant(),
            string.Join(",", queues.Select(q => $"{q.Key}={q.Value}")));
        return Task.CompletedTask;
    }

    private Props WorkerProps() =>
        Props.Create(() => ActivatorUtilities.CreateInstance<JobWorkerActor>(_services))
            .WithMailboxCapacity(16)
            .WithSupervisor(new SupervisorStrategy
            {
                // A handler crash is an ordinary failed attempt: restart quickly, and allow many before escalating.
                MaxRestarts = 1000,
                Window = TimeSpan.FromMinutes(1),
                MinBackoff = TimeSpan.FromMilliseconds(1),
                MaxBackoff = TimeSpan.FromSeconds(1),
            });

    private void OnEscalated(object? sender, ActorEscalatedEventArgs e) =>
        HostingLog.ActorEscalated(_logger, e.Path, e.Path.Split('/').FirstOrDefault(p => p.StartsWith("jobs-", StringComparison.Ordinal)) ?? "?", e.Exception);

    private void OnCancelRequested(string jobId) => Stop(jobId, StopReason.CancelRequested);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _store.Signals.CancelRequested -= OnCancelRequested;
        await TrySetStatusAsync(NodeStatus.Leaving);
        var deadline = TimeSpan.FromSeconds(_options.ShutdownTimeoutSeconds);
        HostingLog.NodeDraining(_logger, deadline.TotalSeconds, RunningCount);
        await Task.WhenAll(_dispatchers.Select(d => d.DrainAsync(deadline, TimeSpan.FromSeconds(5))));
        await _stopping.CancelAsync();
        await _leaseKeeper;
        HostingLog.NodeLeft(_logger, _node.Name);
    }

    private async Task TrySetStatusAsync(NodeStatus status)
    {
        try
        {
            await _store.SetNodeStatusAsync(_node.Id, status, CancellationToken.None);
        }
        catch (Exception exception)
        {
            HostingLog.LeaseRenewalFailed(_logger, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_actors is not null)
        {
            await _actors.DisposeAsync();
        }
        foreach (var dispatcher in _dispatchers)
        {
            dispatcher.Dispose();
        }
        _stopping.Dispose();
    }
}
