using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ActorQueue.Cluster.Directory;
using ActorQueue.Protocol;
using ActorQueue.Seed.Dashboard.Activity;

namespace ActorQueue.Seed.Dashboard.Feed;

/// <summary>
/// Pushes a snapshot to every open dashboard once a second (on the second) and at once when membership
/// changes. The store is asked only while someone watches, once per push whatever the number of pages.
/// A slow page loses old snapshots, never slows the others (each has a small channel that drops the oldest).
/// </summary>
internal sealed class DashboardFeed(SnapshotBuilder builder, JobActivity activity, MembershipView membership, TimeProvider time, ILogger<DashboardFeed> logger)
    : BackgroundService
{
    /// <summary>The seconds repeated in each push, so that a push lost on the way leaves no gap in a chart.</summary>
    private const int RepeatedSeconds = 5;

    private readonly ConcurrentDictionary<Channel<string>, byte> _subscribers = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _failures;

    /// <summary>A page's subscription: snapshots as JSON text, until disposed or the seed stops.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers.TryAdd(channel, 0);
        return new Subscription(channel.Reader, () => _subscribers.TryRemove(channel, out _));
    }

    /// <summary>The first event of a page: the whole history.</summary>
    public async Task<string> FirstAsync(CancellationToken cancellationToken) => Serialize(await BuildAsync(seriesAfter: null, cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        membership.EventOccurred += OnMembershipEvent;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                // Just after the next second starts, so that the second just ended is complete.
                var untilNext = TimeSpan.FromMilliseconds(1050 - now.Millisecond);
                await WaitAsync(untilNext, stoppingToken);
                if (!_subscribers.IsEmpty)
                {
                    await PushAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The seed is stopping.
        }
        finally
        {
            membership.EventOccurred -= OnMembershipEvent;
            foreach (var channel in _subscribers.Keys)
            {
                channel.Writer.TryComplete();
            }
        }
    }

    private async Task PushAsync(CancellationToken stoppingToken)
    {
        string json;
        try
        {
            json = Serialize(await BuildAsync(activity.NowSecond - RepeatedSeconds - 1, stoppingToken));
            _failures = 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store may be briefly unreachable: the pages keep their last picture; say so once per outage.
            if (_failures++ == 0)
            {
                DashboardLog.SnapshotFailed(logger, exception);
            }
            return;
        }
        foreach (var channel in _subscribers.Keys)
        {
            channel.Writer.TryWrite(json);
        }
    }

    private async Task<DashboardSnapshot> BuildAsync(long? seriesAfter, CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            return await builder.BuildAsync(seriesAfter, cancellationToken);
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _wake.WaitAsync(timeout, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private void OnMembershipEvent(MembershipEvent membershipEvent)
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    private static string Serialize(DashboardSnapshot snapshot) => JsonSerializer.Serialize(snapshot, WireJson.Info<DashboardSnapshot>());

    public override void Dispose()
    {
        base.Dispose();
        _building.Dispose();
        _wake.Dispose();
    }

    /// <summary>Snapshots for one page; dispose to stop them.</summary>
    internal sealed class Subscription(ChannelReader<string> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<string> Snapshots { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
