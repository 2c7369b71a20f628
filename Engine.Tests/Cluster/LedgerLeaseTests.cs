using ActorQueue.Cluster.Leases;
using ActorQueue.Jobs;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;

namespace ActorQueue.Tests.Cluster;

/// <summary>
/// The split-brain resolver's lease on the ledger: one side holds it at a time, its holder keeps it by
/// renewing, and a holder that could not renew in time hears that it lost it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LedgerLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteStore.Open(_directory.File("lease.db"), new JobOptions(), _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    // Renewals every 20 s of the manual clock: the test decides when one happens.
    private LedgerLease Lease(string owner) => new(
        new LeaseSettings("actorqueue-sbr", owner, new TimeoutSettings(TimeSpan.FromSeconds(20), Ttl, TimeSpan.FromSeconds(5)), ConfigurationFactory.Empty),
        _store, NoLogger.Instance, _clock);

    [Fact]
    public async Task One_side_holds_the_lease_at_a_time_and_the_other_gets_it_once_released()
    {
        var seedSide = Lease("akka.tcp://actorqueue@seed:4053");
        var workerSide = Lease("akka.tcp://actorqueue@worker:4054");

        Assert.True(await seedSide.Acquire());
        Assert.True(seedSide.CheckLease());
        Assert.False(await workerSide.Acquire());
        Assert.False(workerSide.CheckLease());

        Assert.True(await seedSide.Release());
        Assert.False(seedSide.CheckLease());
        Assert.True(await workerSide.Acquire());
    }

    [Fact]
    public async Task A_holder_that_did_not_renew_in_time_hears_it_lost_the_lease_to_the_other_side()
    {
        var stalled = Lease("akka.tcp://actorqueue@frozen:4054");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await stalled.Acquire(error => lost.TrySetResult(error)));

        _clock.Advance(Ttl + TimeSpan.FromSeconds(1)); // no renewal yet: it expired
        Assert.True(await Lease("akka.tcp://actorqueue@seed:4053").Acquire());
        _clock.Advance(TimeSpan.FromSeconds(9)); // its next renewal (20 s after it took it) finds the lease taken

        var error = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("was taken by another member", error.Message, StringComparison.Ordinal);
        Assert.False(stalled.CheckLease());
    }
}
