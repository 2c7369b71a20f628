namespace ActorQueue.Tests.Storage;

public sealed partial class PostgresStoreTests
{
    [Fact]
    public async Task Owners_in_several_processes_racing_for_a_lease_leave_exactly_one_winner()
    {
        await using var second = OpenAnother();
        await using var third = OpenAnother();
        var stores = new[] { Store, second, third };

        for (var round = 0; round < 6; round++)
        {
            var name = $"sbr-{round}";
            if (round % 2 == 1)
            {
                // Odd rounds race for a lease that is held but has just expired.
                Assert.True(await Store.TryAcquireLeaseAsync(name, "old-owner", TimeSpan.FromSeconds(1), None));
                Clock.Advance(TimeSpan.FromSeconds(1));
            }
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
            {
                await start.Task;
                return (Owner: $"owner-{i}", Won: await stores[i % stores.Length].TryAcquireLeaseAsync(name, $"owner-{i}", TimeSpan.FromSeconds(20), None));
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(racers);

            var winner = Assert.Single(results, r => r.Won);
            Assert.Equal(winner.Owner, await third.LeaseOwnerAsync(name, None));
        }
    }
}
