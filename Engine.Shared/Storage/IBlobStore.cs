using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>
/// Blobs (image inputs and outputs) kept in the cluster's database next to the jobs that use them. A blob
/// belongs to one job and is deleted with it when the job is pruned (a trigger on the jobs table), so
/// blob retention is job retention. A blob stored before its job exists (an upload) is unowned until
/// <see cref="AttachBlobsAsync"/> gives it to the job; an unowned blob older than
/// <see cref="UnownedRetention"/> is an abandoned upload and is deleted by a later upload. Blobs are
/// immutable: an id always names the same bytes.
/// </summary>
public interface IBlobStore
{
    /// <summary>The largest blob a store accepts (64 MiB): this is for images, not for video archives.</summary>
    const int MaxBlobBytes = 64 * 1024 * 1024;

    /// <summary>How long an upload may wait for its job before it counts as abandoned.</summary>
    static readonly TimeSpan UnownedRetention = TimeSpan.FromHours(1);

    /// <summary>Stores every blob in one transaction and answers their new ids, in order.</summary>
    Task<IReadOnlyList<string>> PutBlobsAsync(IReadOnlyList<BlobUpload> blobs, CancellationToken cancellationToken);

    /// <summary>The blob with its bytes, or null when there is none (never stored, or pruned with its job).</summary>
    Task<StoredBlob?> GetBlobAsync(string id, CancellationToken cancellationToken);

    /// <summary>Gives unowned blobs to <paramref name="jobId"/>; answers how many it took (owned ones are left alone).</summary>
    Task<int> AttachBlobsAsync(IReadOnlyCollection<string> ids, string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Submits a job together with the blobs its payload names, in one transaction: the job never exists
    /// without them and they belong to it from the start, so there is no unowned upload to clean up and no
    /// second write to give it an owner (on SQLite, changing a row rewrites its blob). The ids are chosen by
    /// the caller (<see cref="BlobUploads.NewId"/>), since the payload needs them first. When the submission's
    /// unique key is taken, nothing is written and the job that holds it is answered.
    /// </summary>
    Task<SubmitResult> SubmitWithBlobsAsync(JobSubmission submission, IReadOnlyList<IdentifiedBlob> blobs, CancellationToken cancellationToken);
}

/// <summary>A blob to store under an id the caller chose.</summary>
public sealed record IdentifiedBlob(string Id, string ContentType, ReadOnlyMemory<byte> Data);

/// <summary>A blob to store: its media type, its bytes and, when known, the job that owns it.</summary>
public sealed record BlobUpload(string ContentType, ReadOnlyMemory<byte> Data, string? JobId = null);

/// <summary>A stored blob.</summary>
public sealed record StoredBlob(string Id, string ContentType, byte[] Data, string? JobId, DateTimeOffset CreatedAt);

/// <summary>What both stores check before writing blobs.</summary>
internal static class BlobUploads
{
    /// <summary>Throws <see cref="ArgumentException"/> for a blob no store should take.</summary>
    public static void Validate(IReadOnlyList<BlobUpload> blobs)
    {
        foreach (var blob in blobs)
        {
            Validate(blob.ContentType, blob.Data.Length);
        }
    }

    /// <inheritdoc cref="Validate(IReadOnlyList{BlobUpload})"/>
    public static void Validate(IReadOnlyList<IdentifiedBlob> blobs)
    {
        foreach (var blob in blobs)
        {
            Validate(blob.ContentType, blob.Data.Length);
            if (!Guid.TryParse(blob.Id, out _))
            {
                throw new ArgumentException($"A blob id is a UUID, not '{blob.Id}'.", nameof(blobs));
            }
        }
    }

    private static void Validate(string contentType, int length)
    {
        if (length > IBlobStore.MaxBlobBytes)
        {
            throw new ArgumentException($"A blob holds at most {IBlobStore.MaxBlobBytes} bytes; this one has {length}.", nameof(contentType));
        }
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw new ArgumentException("A blob needs a content type.", nameof(contentType));
        }
    }

    /// <summary>
    /// Keeps the uploads just stored with job <paramref name="jobId"/> in <paramref name="recent"/>, as the
    /// store answers them (owned by the job, stored at <paramref name="storedAt"/>); only those whose memory is
    /// a whole array, which the store took as it is, so that keeping them costs no copy.
    /// </summary>
    public static void KeepRecent(RecentUploads recent, IReadOnlyList<IdentifiedBlob> blobs, string jobId, DateTimeOffset storedAt)
    {
        foreach (var blob in blobs)
        {
            if (IsWholeArray(blob.Data, out var array))
            {
                recent.Keep(new StoredBlob(blob.Id, blob.ContentType, array, jobId, storedAt));
            }
        }
    }

    /// <summary>The bytes as an array: the one behind the memory when it spans all of it (uploads do), else a copy.</summary>
    public static byte[] WholeArray(ReadOnlyMemory<byte> data) => IsWholeArray(data, out var array) ? array : data.ToArray();

    private static bool IsWholeArray(ReadOnlyMemory<byte> data, [NotNullWhen(true)] out byte[]? array)
    {
        array = MemoryMarshal.TryGetArray(data, out var segment) && segment is { Offset: 0, Array: { } whole } && whole.Length == segment.Count ? whole : null;
        return array is not null;
    }

    /// <summary>A new blob id: a UUIDv7, so ids sort by creation time (public for callers of <see cref="IBlobStore.SubmitWithBlobsAsync"/>).</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString();
}
