using ActorQueue.Jobs;
using ActorQueue.Storage;
using ActorQueue.Storage.Sqlite;
using ActorQueue.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace ActorQueue.Tests.Storage;

[Trait("Category", "Integration")]
public sealed class SqliteStoreTests : StoreConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IStore> CreateStoreAsync(TimeProvider clock, JobOptions options) =>
        Task.FromResult<IStore>(SqliteStore.Open(_directory.File("jobs.db"), options, clock));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Jobs_survive_closing_and_reopening_the_file()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        await Store.DisposeAsync();

        await using var reopened = SqliteStore.Open(_directory.File("jobs.db"), Options, Clock);

        Assert.Equal(JobState.Available, (await reopened.GetAsync(submitted.Id, None))!.State);
        // Versions may have gaps (numbers are reserved across branches), never repeats or disorder.
        var versions = SqliteMigrator.Scripts().Select(m => m.Version).ToList();
        Assert.Equal(versions.Distinct().Order(), versions);
    }

    [Fact]
    public async Task The_dataset_journal_is_a_second_file_beside_the_ledger_in_wal_mode()
    {
        var journal = ((IDatasetStore)Store).Journal;

        Assert.Equal("SQLite.MS", journal.ProviderName);
        Assert.Equal(_directory.File("jobs.journal.db"), new SqliteConnectionStringBuilder(journal.ConnectionString).DataSource);
        await using var connection = new SqliteConnection(journal.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_store_id_survives_reopening_the_file_and_another_file_has_another()
    {
        var id = await Store.GetStoreIdAsync(None);
        await Store.DisposeAsync();

        await using (var reopened = SqliteStore.Open(_directory.File("jobs.db"), Options, Clock))
        {
            Assert.Equal(id, await reopened.GetStoreIdAsync(None));
        }
        await using var another = SqliteStore.Open(_directory.File("other.db"), Options, Clock);
        Assert.NotEqual(id, await another.GetStoreIdAsync(None));
    }

    [Fact]
    public async Task Rescue_rescues_the_running_jobs_of_a_node_whose_tombstone_it_finds()
    {
        var submitted = await Store.SubmitAsync(Submissions.Echo(), None);
        await ClaimOneAsync("node-x");
        // A tombstone written without the rescue that normally comes with it (as by an older version).
        await using (var connection = new SqliteConnection($"Data Source={_directory.File("jobs.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO aq_fenced_nodes VALUES ('node-x', 0, 'test')";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await Store.RescueAsync(None));

        Assert.Equal(JobState.Available, (await GetAsync(submitted.Id)).State);
    }

    [Fact]
    public void A_second_process_cannot_open_the_same_file()
    {
        var exception = Assert.Throws<StoreUnavailableException>(() => SqliteStore.Open(_directory.File("jobs.db"), Options, Clock));

        Assert.Contains("Another ActorQueue process is using", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_reported_in_one_sentence()
    {
        var exception = Assert.Throws<StoreUnavailableException>(() => StoreFactory.Open("sqlite:/no/such/dir/jobs.db", Options, Clock));

        Assert.Contains("/no/such/dir", exception.Message, StringComparison.Ordinal);
    }
}
