using ActorQueue.Jobs;

namespace ActorQueue.Tests.Jobs;

[Trait("Category", "Unit")]
public sealed class JobIdsTests
{
    [Fact]
    public void Ids_made_in_the_same_millisecond_still_sort_in_creation_order()
    {
        var ids = new JobIds();
        var now = DateTimeOffset.UtcNow;

        var made = Enumerable.Range(0, 10_000).Select(_ => ids.Next(now)).ToList();

        Assert.Equal(made.Order(StringComparer.Ordinal), made);
        Assert.Equal(made.Count, made.Distinct().Count());
        Assert.All(made.Take(5), id => Assert.Equal(7, Guid.Parse(id).Version));
        Assert.Equal(now.ToUnixTimeMilliseconds(), TimestampOf(made[0]));
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_break_the_order()
    {
        var ids = new JobIds();
        var now = DateTimeOffset.UtcNow;

        var first = ids.Next(now);
        var second = ids.Next(now.AddSeconds(-5));

        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    private static long TimestampOf(string id) => Convert.ToInt64(id.Replace("-", "", StringComparison.Ordinal)[..12], 16);
}
