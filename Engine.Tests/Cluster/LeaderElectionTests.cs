using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorQueue.Tests.Cluster;

[Trait("Category", "Integration")]
public sealed class LeaderElectionTests
{
    [Fact]
    public async Task The_only_process_of_an_embedded_store_leads_at_once_and_records_it()
    {
        using var directory = new TempDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var store = SqliteStore.Open(directory.File("leader.db"), new JobOptions(), clock);
        var self = new NodeIdentity("solo", NodeRole.Seed, null, clock.GetUtcNow());
        var election = new LeaderElection(store, self, Options.Create(new ClusterOptions()), clock, NullLogger<LeaderElection>.Instance);
        var leading = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = election.RunWhileLeaderAsync(async token =>
        {
            leading.TrySetResult(token);
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default); // duties that run until leadership ends
        }, stop.Token);

        var token = await leading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(token.IsCancellationRequested);
        Assert.Equal(self.Id, await store.GetLeaderAsync(CancellationToken.None));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(token.IsCancellationRequested, "the duties are told when leadership ends");
    }
}
