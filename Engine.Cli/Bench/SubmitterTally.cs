namespace ActorQueue.Cli.Bench;

/// <summary>
/// What one submitter sent. Only the ids needed to verify the run are kept (the last, the
/// smallest and a reservoir sample), so memory stays flat for 10 million jobs. Used by a
/// single submitter task at a time, so it needs no locking.
/// </summary>
internal sealed class SubmitterTally(int sampleCapacity)
{
    private readonly List<string> _samples = new(sampleCapacity);
    private long _seen;

    public int Accepted { get; private set; }

    /// <summary>Jobs in requests that failed (error status or transport failure).</summary>
    public int Failed { get; private set; }

    public string? LastId { get; private set; }

    /// <summary>The smallest id in ordinal order: job ids are UUIDv7, so the oldest of this submitter.</summary>
    public string? MinId { get; private set; }

    public IReadOnlyList<string> Samples => _samples;

    public void Accept(string id)
    {
        Accepted++;
        LastId = id;
        if (MinId is null || string.CompareOrdinal(id, MinId) < 0)
        {
            MinId = id;
        }

        // Reservoir sampling (algorithm R): every accepted id is equally likely to be kept.
        _seen++;
        if (_samples.Count < sampleCapacity)
        {
            _samples.Add(id);
        }
        else if (sampleCapacity > 0 && Random.Shared.NextInt64(_seen) is var slot && slot < sampleCapacity)
        {
            _samples[(int)slot] = id;
        }
    }

    public void Fail(int jobs) => Failed += jobs;
}
