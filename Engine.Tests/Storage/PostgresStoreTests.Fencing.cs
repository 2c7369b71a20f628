using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Tests.Fixtures;
using Npgsql;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// Fences racing claims across processes. Under READ COMMITTED a claim and a fence that overlap would each
/// miss the other's writes (the claim's snapshot lacks the tombstone, the rescue's lacks the claimed rows),
/// so these tests hold a job's row lock from a third session to stop one of them mid-way, in each order.
/// </summary>
public sealed partial class PostgresStoreTests
{
    [Fact]
    public async Task A_claim_that_races_a_fence_in_flight_waits_for_it_and_claims_nothing()
    {
        await using var zombie = OpenAnother(); // the fenced node's own process
        await Store.SubmitBatchAsync(Enumerable.Range(0, 5).Select(_ => Submissions.Echo()).ToList(), None);
        var held = Assert.Single(await zombie.ClaimAsync("default", "node-x", 1, None));
        await using var blocker = await LockRowAsync(held.Id);
        var fence = Store.FenceNodeAsync("node-x", "downed", None);
        await WaitForBlockedSessionsAsync(1, () => fence.IsCompleted); // the fence's rescue waits for the row

        var claim = zombie.ClaimAsync("default", "node-x", 4, None);
        await WaitForBlockedSessionsAsync(2, () => claim.IsCompleted);
        await blocker.CommitAsync();

        Assert.Equal(1, await fence);
        await Assert.ThrowsAsync<NodeFencedException>(() => claim);
        Assert.Equal(0L, await RunningOnAsync("node-x"));
        Assert.Equal(5L, await server.ScalarAsync<long>(_database, "SELECT count(*) FROM aq_jobs WHERE state = 'available'"));
    }

    [Fact]
    public async Task A_fence_that_races_a_claim_in_flight_waits_for_it_and_rescues_what_it_took()
    {
        await using var zombie = OpenAnother();
        await Store.SubmitBatchAsync(Enumerable.Range(0, 5).Select(_ => Submissions.Echo()).ToList(), None);
        var held = Assert.Single(await zombie.ClaimAsync("default", "node-x", 1, None));
        await using var blocker = await LockRowAsync(held.Id);
        var finishAndClaim = zombie.FinishManyAsync(
            [new JobOutcome.Completed(held.Id, "node-x", held.Attempt, held.Epoch, "\"done\"")], new ClaimRequest("default", "node-x", 4), None);
        await WaitForBlockedSessionsAsync(1, () => finishAndClaim.IsCompleted); // its outcome waits for the row

        var fence = Store.FenceNodeAsync("node-x", "downed", None);
        await WaitForBlockedSessionsAsync(2, () => fence.IsCompleted);
        await blocker.CommitAsync();

        var result = await finishAndClaim;
        Assert.Equal([true], result.Applied);
        Assert.Equal(4, result.Claimed.Count);
        Assert.Equal(4, await fence);
        Assert.Equal(0L, await RunningOnAsync("node-x"));
        Assert.Equal(JobState.Completed, (await GetAsync(held.Id)).State);
        foreach (var claimed in result.Claimed)
        {
            var job = await GetAsync(claimed.Id);
            Assert.Equal(JobState.Available, job.State);
            Assert.Contains("node-x", Assert.Single(job.Errors).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rescue_rescues_the_running_jobs_of_a_node_whose_tombstone_it_finds()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        await ClaimOneAsync("node-x");
        // A tombstone written without the rescue that normally comes with it (as by an older version).
        await server.ScalarAsync<long>(_database,
            "WITH t AS (INSERT INTO aq_fenced_nodes VALUES ('node-x', '2026-01-01T12:00:00Z', 'test') RETURNING 1) SELECT count(*) FROM t");

        Assert.Equal(1, await Store.RescueAsync(None));

        Assert.Equal(JobState.Available, (await GetAsync(submitted.Id)).State);
    }

    /// <summary>A session that holds the row lock of one job until it commits.</summary>
    private async Task<RowLock> LockRowAsync(string jobId)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString(_database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM aq_jobs WHERE id = @id FOR UPDATE) locked", connection, transaction);
        command.Parameters.AddWithValue("id", jobId);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    private sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="count"/> sessions of this database wait on a lock; fails if the racer finished instead.</summary>
    private async Task WaitForBlockedSessionsAsync(long count, Func<bool> racerFinished)
    {
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(racerFinished(), "the racer did not wait: it could not have seen the other's writes");
            return await server.ScalarAsync<long>(_database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= count;
        }, $"{count} sessions waiting on a lock");
    }

    private Task<long> RunningOnAsync(string node) =>
        server.ScalarAsync<long>(_database, $"SELECT count(*) FROM aq_jobs WHERE state = 'running' AND node_id = '{node}'");
}
