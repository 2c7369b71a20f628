namespace ActorQueue.Storage;

/// <summary>
/// Uploads this process has just stored together with their job (<see cref="IBlobStore.SubmitWithBlobsAsync"/>),
/// kept in memory for a short while so that a worker node in the same process — the seed's own node —
/// takes each one from here once instead of reading a megabyte back from the database it was just written
/// to. Only a copy: the database stays the record, and a job run on another node, run again, or run after a
/// restart reads its input there. Blobs never change, so a copy cannot be stale; it can only outlive the
/// row, which is why an entry goes when it is read, after <see cref="MaxAge"/>, and whenever jobs are pruned.
/// Bounded by <see cref="MaxBytes"/>: when full, new uploads are not kept (the ones already kept are the
/// ones the queue runs next).
/// </summary>
internal sealed class RecentUploads(TimeProvider time)
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (StoredBlob Blob, long KeptAt)> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long KeptAt)> _byAge = new();
    private long _bytes;

    /// <summary>Keeps <paramref name="blob"/> unless that would go over <see cref="MaxBytes"/>.</summary>
    public void Keep(StoredBlob blob)
    {
        lock (_lock)
        {
            DropExpired();
            if (_bytes + blob.Data.Length > MaxBytes || _entries.ContainsKey(blob.Id))
            {
                return;
            }
            var now = time.GetTimestamp();
            _entries.Add(blob.Id, (blob, now));
            _byAge.Enqueue((blob.Id, now));
            _bytes += blob.Data.Length;
        }
    }

    /// <summary>The kept blob, removed as it is answered; null when it is not (or no longer) here.</summary>
    public StoredBlob? Take(string id)
    {
        lock (_lock)
        {
            DropExpired();
            if (!_entries.Remove(id, out var entry))
            {
                return null;
            }
            _bytes -= entry.Blob.Data.Length;
            return entry.Blob;
        }
    }

    /// <summary>Forgets every kept blob: some rows may be gone (jobs pruned).</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _entries.Clear();
            _byAge.Clear();
            _bytes = 0;
        }
    }

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    private void DropExpired()
    {
        while (_byAge.TryPeek(out var oldest) && time.GetElapsedTime(oldest.KeptAt) > MaxAge)
        {
            _byAge.Dequeue();
            // A taken entry left its id in the queue; only drop what is still the same entry.
            if (_entries.TryGetValue(oldest.Id, out var entry) && entry.KeptAt == oldest.KeptAt)
            {
                _entries.Remove(oldest.Id);
                _bytes -= entry.Blob.Data.Length;
            }
        }
    }
}
