namespace ActorQueue.Tests.Storage;

/// <summary>The store's identity, which a worker compares with its seed's to refuse a seed on another database.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task The_store_has_one_random_id_that_migrating_again_does_not_change()
    {
        var id = await Store.GetStoreIdAsync(None);

        await Store.InitializeAsync(None);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, await Store.GetStoreIdAsync(None));
    }
}
