namespace ActorQueue.Tests.Storage;

public sealed partial class PostgresStoreTests
{
    [Fact]
    public async Task Only_one_process_holds_the_leader_lock_and_it_passes_on_when_the_holder_lets_go()
    {
        await using var other = OpenAnother();
        await using var mine = Store.CreateLeaderLock();
        await using var theirs = other.CreateLeaderLock();

        Assert.True(await mine.TryAcquireAsync(None));
        Assert.False(await theirs.TryAcquireAsync(None));

        await mine.ReleaseAsync(None);
        Assert.True(await theirs.TryAcquireAsync(None));
        Assert.False(await mine.TryAcquireAsync(None));
        Assert.True(await theirs.StillHeldAsync(None));
    }

    [Fact]
    public async Task A_leader_whose_connection_dies_loses_the_lock_to_another_process()
    {
        await using var other = OpenAnother();
        await using var mine = Store.CreateLeaderLock();
        await using var theirs = other.CreateLeaderLock();
        Assert.True(await mine.TryAcquireAsync(None));

        // Kill the leader's session from the server side, as a crash or partition would.
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString(_database)))
        {
            await admin.OpenAsync();
            await using var kill = new Npgsql.NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = 1095846980", admin); // 0x41514C44, the leader key
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        Assert.False(await mine.StillHeldAsync(None));
        Assert.True(await theirs.TryAcquireAsync(None));
    }
}
