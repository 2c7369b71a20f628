using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Storage.Postgres;
using ActorQueue.Tests.Fixtures;
using Npgsql;

namespace ActorQueue.Tests.Storage;

/// <summary>
/// The store conformance suite on PostgreSQL, each test on a fresh database of the shared throwaway
/// server, plus what only a store shared by several processes must do (the other files of this class).
/// </summary>
[Collection("postgres")]
[Trait("Category", "Integration")]
public sealed partial class PostgresStoreTests(PostgresServer server) : StoreConformanceTests
{
    private string _database = "";

    protected override async Task<IStore> CreateStoreAsync(TimeProvider clock, JobOptions options)
    {
        _database = await server.CreateDatabaseAsync();
        return PostgresStore.Open(server.ConnectionString(_database), options, clock);
    }

    /// <summary>A second store on this test's database, as another process would open it.</summary>
    private PostgresStore OpenAnother(TimeProvider? clock = null) =>
        PostgresStore.Open(server.ConnectionString(_database), Options, clock ?? Clock);

    [Fact]
    public async Task Processes_opening_a_new_database_at_once_migrate_it_once()
    {
        var database = await server.CreateDatabaseAsync();
        var url = server.Url(database);

        // Each on a thread of its own, as each process opens its store on its main thread (Open is
        // synchronous: on pool threads the four would starve the pool Npgsql's synchronous I/O also uses).
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Factory.StartNew(() => StoreFactory.Open(url, Options, Clock), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        try
        {
            Assert.Equal(PostgresMigrator.Scripts().Count(), await server.ScalarAsync<long>(database, "SELECT count(*) FROM aq_migrations"));
            var submitted = await stores[0].SubmitAsync(Submissions.Echo(), None);
            Assert.Equal(JobState.Available, (await stores[3].GetAsync(submitted.Id, None))!.State);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initializing_again_applies_nothing_and_keeps_the_jobs()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);

        await Store.InitializeAsync(None);

        // Versions may have gaps (numbers are reserved across branches), never repeats or disorder.
        var versions = PostgresMigrator.Scripts().Select(m => m.Version).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
        Assert.Equal(PostgresMigrator.Scripts().Count(), await server.ScalarAsync<long>(_database, "SELECT count(*) FROM aq_migrations"));
        Assert.Equal(JobState.Available, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public async Task After_the_server_restarts_the_store_serves_again_after_at_most_one_failed_call()
    {
        await Store.SubmitAsync(Submissions.Echo(), None);

        await server.RestartAsync();

        // No connection of the store watches the server any more, so the first call may meet a connection the
        // restart cut; that failure clears the pool (Npgsql), and the next call connects afresh.
        var failures = 0;
        SubmitResult? submitted = null;
        while (submitted is null && failures <= 1)
        {
            try
            {
                submitted = await Store.SubmitAsync(Submissions.Echo(), None);
            }
            catch (NpgsqlException)
            {
                failures++;
            }
        }
        Assert.NotNull(submitted);
        Assert.Equal(JobState.Available, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public void An_unreachable_server_is_reported_in_one_sentence_without_the_password()
    {
        var port = PostgresServer.FreePort();

        var exception = Assert.Throws<StoreUnavailableException>(() =>
            StoreFactory.Open($"postgres://aq:hunter2-secret@127.0.0.1:{port}/nowhere", Options, Clock));

        Assert.Contains($"127.0.0.1:{port}/nowhere", exception.Message, StringComparison.Ordinal);
        Assert.Contains("refused", exception.Message, StringComparison.OrdinalIgnoreCase);
        AssertOneSentenceWithout("hunter2-secret", exception.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_in_one_sentence_without_the_password()
    {
        var database = await server.CreateDatabaseAsync(owner: PostgresServer.PasswordUser);

        var exception = Assert.Throws<StoreUnavailableException>(() =>
            StoreFactory.Open(server.Url(database, PostgresServer.PasswordUser, "wrong-secret-9"), Options, Clock));

        Assert.Contains(server.Address(database), exception.Message, StringComparison.Ordinal);
        Assert.Contains($"rejected the credentials of user '{PostgresServer.PasswordUser}'", exception.Message, StringComparison.Ordinal);
        AssertOneSentenceWithout("wrong-secret-9", exception.Message);

        await using var opened = StoreFactory.Open(server.Url(database, PostgresServer.PasswordUser, PostgresServer.Password), Options, Clock);
        Assert.Equal($"postgres://{PostgresServer.PasswordUser}@{server.Address(database)}", opened.Description);
        Assert.False(opened.SingleProcess);
    }

    private static void AssertOneSentenceWithout(string secret, string message)
    {
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ActorQueue", message, StringComparison.Ordinal);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot open the PostgreSQL store at ", message, StringComparison.Ordinal);
    }
}
