using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// What every store must do, written once and run against each provider (see the subclasses). The
/// clock is manual, so leases, schedules and retention are tested without sleeping.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected IStore Store { get; private set; } = null!;

    protected JobOptions Options { get; } = new() { LeaseSeconds = Lease.TotalSeconds };

    /// <summary>A fresh, empty store on the given clock.</summary>
    protected abstract Task<IStore> CreateStoreAsync(TimeProvider clock, JobOptions options);

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync(Clock, Options);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected static CancellationToken None => CancellationToken.None;

    protected async Task<Job> GetAsync(string id) => await Store.GetAsync(id, None) ?? throw new Xunit.Sdk.XunitException($"job {id} is missing");

    protected async Task<ClaimedJob> ClaimOneAsync(string node = "node-a", string queue = "default")
    {
        var claimed = await Store.ClaimAsync(queue, node, 1, None);
        return Assert.Single(claimed);
    }

    [Fact]
    public async Task Submitted_job_is_available_with_every_field_kept()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(priority: 5, maxAttempts: 7) with { TimeoutSeconds = 9, UniqueKey = "k1" }, None);

        var job = await GetAsync(submitted.Id);
        Assert.Equal(JobState.Available, job.State);
        Assert.Equal("echo", job.Kind);
        Assert.Equal("default", job.Queue);
        Assert.Equal(5, job.Priority);
        Assert.Equal(7, job.MaxAttempts);
        Assert.Equal(9, job.TimeoutSeconds);
        Assert.Equal("k1", job.UniqueKey);
        Assert.Equal("{\"n\":1}", job.Payload);
        Assert.Equal(0, job.Attempt);
        Assert.Equal(Clock.GetUtcNow(), job.EnqueuedAt);
        Assert.Empty(job.Errors);
        Assert.True(Guid.TryParse(job.Id, out var guid) && guid.Version == 7, "ids are UUIDv7");
    }

    [Fact]
    public async Task Submitting_an_existing_unique_key_returns_the_existing_job()
    {
        var first = await Store.SubmitAsync(Submissions.Echo(uniqueKey: "invoice-42"), None);
        var second = await Store.SubmitAsync(Submissions.Echo(uniqueKey: "invoice-42", payload: "{\"n\":2}"), None);

        Assert.False(first.Existing);
        Assert.True(second.Existing);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("{\"n\":1}", (await GetAsync(first.Id)).Payload);
    }

    [Fact]
    public async Task Batch_submission_stores_every_job_in_order()
    {
        var results = await Store.SubmitBatchAsync(Enumerable.Range(0, 50).Select(i => Submissions.Echo(payload: $"{{\"i\":{i}}}")).ToList(), None);

        Assert.Equal(50, results.Select(r => r.Id).Distinct().Count());
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"{{\"i\":{i}}}", (await GetAsync(results[i].Id)).Payload);
        }
    }

    [Fact]
    public async Task Claims_take_the_highest_priority_first_then_the_oldest()
    {
        var low = await Store.SubmitAsync(Submissions.Echo(priority: 0), None);
        var high = await Store.SubmitAsync(Submissions.Echo(priority: 10), None);
        var lowLater = await Store.SubmitAsync(Submissions.Echo(priority: 0), None);
        await Store.SubmitAsync(Submissions.Echo(queue: "other", priority: 100), None);

        var claimed = await Store.ClaimAsync("default", "node-a", 10, None);

        Assert.Equal([high.Id, low.Id, lowLater.Id], claimed.Select(c => c.Id));
        Assert.All(claimed, c => Assert.Equal(1, c.Attempt));
        var running = await GetAsync(high.Id);
        Assert.Equal(JobState.Running, running.State);
        Assert.Equal("node-a", running.Node);
        Assert.Equal(Clock.GetUtcNow(), running.StartedAt);
    }

    [Fact]
    public async Task Concurrent_claims_never_hand_out_the_same_job_twice()
    {
        await Store.SubmitBatchAsync(Enumerable.Range(0, 300).Select(_ => Submissions.Echo()).ToList(), None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await Store.ClaimAsync("default", $"node-{n}", 7, None);
                if (batch.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(batch.Select(b => b.Id));
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
    }

    [Fact]
    public async Task A_job_scheduled_for_later_runs_only_once_it_is_due()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(runAt: Clock.GetUtcNow().AddMinutes(5)), None);
        Assert.Equal(JobState.Scheduled, submitted.State);
        Assert.Equal(Clock.GetUtcNow().AddMinutes(5), await Store.NextDueAtAsync(None));

        Assert.Equal(0, await Store.PromoteDueAsync(None));
        Assert.Empty(await Store.ClaimAsync("default", "node-a", 5, None));

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Store.PromoteDueAsync(None));
        Assert.Equal(submitted.Id, (await ClaimOneAsync()).Id);
    }

    [Fact]
    public async Task A_runAt_in_the_past_is_available_at_once()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(runAt: Clock.GetUtcNow().AddMinutes(-5)), None);
        Assert.Equal(JobState.Available, submitted.State);
    }
}
