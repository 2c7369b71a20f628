using ActorQueue.Storage.Postgres;

namespace ActorQueue.Tests.Storage;

public sealed partial class PostgresStoreTests
{
    [Fact]
    public async Task Every_process_on_a_database_answers_its_store_id_and_another_database_has_another()
    {
        await using var other = OpenAnother();
        var database = await server.CreateDatabaseAsync();
        await using var elsewhere = PostgresStore.Open(server.ConnectionString(database), Options, Clock);

        Assert.Equal(await Store.GetStoreIdAsync(None), await other.GetStoreIdAsync(None));
        Assert.NotEqual(await Store.GetStoreIdAsync(None), await elsewhere.GetStoreIdAsync(None));
    }
}
