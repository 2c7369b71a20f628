using System.Diagnostics;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Protocol;
using ActorQueue.Seed.Dashboard.Activity;
using ActorQueue.Seed.Gateway;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Dashboard.Feed;

/// <summary>
/// Builds a <see cref="DashboardSnapshot"/>: the activity counted in memory, the cluster as the membership view
/// has it, and what only the ledger knows (jobs by queue and state, running jobs per member, datasets). One
/// caller at a time (<see cref="DashboardFeed"/> serializes them).
/// </summary>
internal sealed class SnapshotBuilder : IDisposable
{
    /// <summary>Datasets are read again after a batch commits, and at least this often (their host can move without one).</summary>
    private static readonly TimeSpan DatasetRefresh = TimeSpan.FromSeconds(5);

    private readonly IStore _store;
    private readonly DatasetGateway _datasets;
    private readonly MembershipView _membership;
    private readonly JobActivity _activity;
    private readonly NodeIdentity _node;
    private readonly TimeProvider _time;
    private readonly DatasetRates _rates = new();

    private IReadOnlyList<QueueStateCount> _counts = [];
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;
    private TimeSpan _countCost;
    private IReadOnlyList<DatasetProgressView> _datasetViews = [];
    private DateTimeOffset _datasetsAt = DateTimeOffset.MinValue;
    private int _datasetsProgressed = 1;

    public SnapshotBuilder(IStore store, DatasetGateway datasets, MembershipView membership, JobActivity activity, NodeIdentity node, TimeProvider time)
    {
        _store = store;
        _datasets = datasets;
        _membership = membership;
        _activity = activity;
        _node = node;
        _time = time;
        store.Signals.DatasetProgressed += OnDatasetProgressed;
    }

    /// <param name="seriesAfter">The last second the reader has (Unix seconds); null for the whole history.</param>
    public async Task<DashboardSnapshot> BuildAsync(long? seriesAfter, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        await RefreshCountsAsync(now, cancellationToken);
        await RefreshDatasetsAsync(now, cancellationToken);
        var running = await _store.CountRunningByNodeAsync(cancellationToken);
        var cluster = _membership.Current;
        var hosted = _datasetViews.Where(d => d.Owner is not null).GroupBy(d => d.Owner!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DashboardSnapshot
        {
            At = now,
            Mode = _store.SingleProcess ? "embedded" : "cluster",
            Store = _store.Description,
            Seed = _node.Name,
            Series = _activity.History.Between(seriesAfter ?? long.MinValue, second),
            Totals = _activity.Totals,
            Latency = _activity.Latency.Summarize(second),
            Queues = Queues(cluster),
            Datasets = _datasetViews,
            Members = [.. cluster.Members.Select(m => ClusterViews.From(m, running.GetValueOrDefault(m.Id), hosted.GetValueOrDefault(m.Id)))],
            Leader = cluster.LeaderAddress,
            Changes = _activity.Changes,
            CountsStale = now - _countedAt > TimeSpan.FromSeconds(1.5),
        };
    }

    /// <summary>
    /// Counting jobs scans the table: on a big one it is done less often, so that the dashboard never spends
    /// more than about a tenth of the store's time on it.
    /// </summary>
    private async Task RefreshCountsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(0.9).Ticks, _countCost.Ticks * 10));
        if (now - _countedAt < every)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        _counts = await _store.CountByQueueAndStateAsync(cancellationToken);
        _countCost = Stopwatch.GetElapsedTime(started);
        _countedAt = now;
    }

    private async Task RefreshDatasetsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _datasetsProgressed, 0) == 0 && now - _datasetsAt < DatasetRefresh)
        {
            return;
        }
        var list = await _datasets.ListAsync(50, cancellationToken);
        _datasetsAt = now;
        _rates.Keep(list.Datasets.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
        _datasetViews = [.. list.Datasets.Select(d => new DatasetProgressView
        {
            Id = d.Id,
            Name = d.Name,
            Processor = d.Processor,
            Status = d.Status,
            Sealed = d.Sealed,
            RowsReceived = d.RowsReceived,
            RowsProcessed = d.RowsProcessed,
            RowsPerSecond = Math.Round(_rates.Record(d.Id, now, d.RowsProcessed), 1),
            Owner = d.Owner,
            OwnerName = d.OwnerName,
            Failure = d.Failure,
            ErrorCount = d.ErrorCount,
            UpdatedAt = d.UpdatedAt,
        })];
    }

    private List<QueueDepthView> Queues(MembershipSnapshot cluster)
    {
        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in cluster.Members.Where(m => m.IsLive))
        {
            foreach (var (queue, size) in member.Capabilities?.Queues ?? new Dictionary<string, int>())
            {
                workers[queue] = workers.GetValueOrDefault(queue) + size;
            }
        }
        var byQueue = _counts.ToLookup(c => c.Queue, StringComparer.Ordinal);
        return [.. workers.Keys.Union(byQueue.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(queue =>
        {
            long Count(JobState state) => byQueue[queue].Where(c => c.State == state).Sum(c => c.Count);
            return new QueueDepthView
            {
                Queue = queue,
                Workers = workers.GetValueOrDefault(queue),
                Available = Count(JobState.Available),
                Scheduled = Count(JobState.Scheduled),
                Running = Count(JobState.Running),
                Retryable = Count(JobState.Retryable),
                Completed = Count(JobState.Completed),
                Discarded = Count(JobState.Discarded),
                Cancelled = Count(JobState.Cancelled),
            };
        })];
    }

    private void OnDatasetProgressed(string datasetId) => Interlocked.Exchange(ref _datasetsProgressed, 1);

    public void Dispose() => _store.Signals.DatasetProgressed -= OnDatasetProgressed;
}
