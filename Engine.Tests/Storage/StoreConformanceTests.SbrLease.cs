namespace ActorQueue.Tests.Storage;

/// <summary>The named lease row the split-brain resolver takes; it expires by the store's clock.</summary>
public abstract partial class StoreConformanceTests
{
    private const string SbrLease = "actorqueue-sbr";

    private static readonly TimeSpan SbrTtl = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_free_lease_goes_to_the_first_owner_and_nobody_else_while_it_lives()
    {
        Assert.Null(await Store.LeaseOwnerAsync(SbrLease, None));

        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-1", SbrTtl, None));
        Assert.False(await Store.TryAcquireLeaseAsync(SbrLease, "seed-2", SbrTtl, None));

        Assert.Equal("seed-1", await Store.LeaseOwnerAsync(SbrLease, None));
        Assert.Null(await Store.LeaseOwnerAsync("another-lease", None));
        Assert.True(await Store.TryAcquireLeaseAsync("another-lease", "seed-2", SbrTtl, None));
    }

    [Fact]
    public async Task The_owner_extends_its_lease_and_an_unrenewed_lease_expires_by_the_store_clock()
    {
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-1", SbrTtl, None));
        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-1", SbrTtl, None)); // now until 19 s

        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("seed-1", await Store.LeaseOwnerAsync(SbrLease, None));
        Assert.False(await Store.TryAcquireLeaseAsync(SbrLease, "seed-2", SbrTtl, None));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Store.LeaseOwnerAsync(SbrLease, None));
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-2", SbrTtl, None));
        Assert.Equal("seed-2", await Store.LeaseOwnerAsync(SbrLease, None));
    }

    [Fact]
    public async Task Only_the_owner_releases_a_lease_and_a_released_lease_is_free_at_once()
    {
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-1", SbrTtl, None));

        Assert.False(await Store.ReleaseLeaseAsync(SbrLease, "seed-2", None));
        Assert.Equal("seed-1", await Store.LeaseOwnerAsync(SbrLease, None));
        Assert.True(await Store.ReleaseLeaseAsync(SbrLease, "seed-1", None));

        Assert.Null(await Store.LeaseOwnerAsync(SbrLease, None));
        Assert.False(await Store.ReleaseLeaseAsync(SbrLease, "seed-1", None));
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-2", SbrTtl, None));
    }

    [Fact]
    public async Task Releasing_an_expired_lease_answers_that_it_was_no_longer_held()
    {
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-1", SbrTtl, None));
        Clock.Advance(SbrTtl);

        Assert.False(await Store.ReleaseLeaseAsync(SbrLease, "seed-1", None));
        Assert.True(await Store.TryAcquireLeaseAsync(SbrLease, "seed-2", SbrTtl, None));
    }
}
