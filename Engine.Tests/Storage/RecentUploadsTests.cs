using ActorQueue.Storage;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Storage;

/// <summary>The in-memory copies of just-stored uploads that spare the seed's own node a read back from the database.</summary>
public sealed class RecentUploadsTests
{
    private readonly ManualTimeProvider _clock = new();

    private static StoredBlob Blob(string id, int bytes) =>
        new(id, "image/jpeg", new byte[bytes], "job-1", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_kept_upload_is_answered_once_then_left_to_the_database()
    {
        var recent = new RecentUploads(_clock);
        var blob = Blob("a", 10);
        recent.Keep(blob);

        Assert.Same(blob, recent.Take("a"));
        Assert.Null(recent.Take("a"));
        Assert.Equal(0, recent.Bytes);
    }

    [Fact]
    public void An_upload_kept_longer_than_the_max_age_is_not_answered()
    {
        var recent = new RecentUploads(_clock);
        recent.Keep(Blob("old", 10));
        _clock.Advance(RecentUploads.MaxAge + TimeSpan.FromSeconds(1));
        recent.Keep(Blob("new", 10));

        Assert.Null(recent.Take("old"));
        Assert.NotNull(recent.Take("new"));
    }

    [Fact]
    public void Uploads_past_the_memory_budget_are_not_kept_and_the_ones_kept_stay()
    {
        var recent = new RecentUploads(_clock);
        var half = (int)(RecentUploads.MaxBytes / 2);
        recent.Keep(Blob("first", half));
        recent.Keep(Blob("second", half));
        recent.Keep(Blob("third", 1));

        Assert.Equal(RecentUploads.MaxBytes, recent.Bytes);
        Assert.Null(recent.Take("third"));
        Assert.NotNull(recent.Take("first"));
        recent.Keep(Blob("third", 1)); // room again
        Assert.NotNull(recent.Take("third"));
    }

    [Fact]
    public void Forgetting_drops_every_kept_upload()
    {
        var recent = new RecentUploads(_clock);
        recent.Keep(Blob("a", 10));
        recent.Keep(Blob("b", 10));

        recent.Forget();

        Assert.Null(recent.Take("a"));
        Assert.Null(recent.Take("b"));
        Assert.Equal(0, recent.Bytes);
    }
}
