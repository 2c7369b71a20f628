namespace ActorQueue.Hosting;

/// <summary>Configuration section <c>Node</c>: identity, pools and shutdown of a worker node.</summary>
public sealed class WorkerNodeOptions
{
    public const string Section = "Node";

    /// <summary>The member name shown by <c>aq cluster show</c>; the machine name when empty.</summary>
    public string? Name { get; set; }

    /// <summary>Queue name → number of actors in its round-robin pool (one job per actor at a time).</summary>
    public Dictionary<string, int> Queues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long SIGTERM waits for running jobs before it cancels them and hands them back.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How often a queue's puller looks for work with no hint: the safety net for a "jobs arrived" hint lost
    /// between members (hints are at most once). 1 s by default.
    /// </summary>
    public double PollIntervalSeconds { get; set; } = 1;

    /// <summary>How often the duties singleton rescues jobs whose lease lapsed.</summary>
    public double RescueIntervalSeconds { get; set; } = 5;

    /// <summary>How often finished jobs past their retention are pruned.</summary>
    public double PruneIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Pools used when <see cref="Queues"/> is empty: 32 actors for ordinary jobs, and one image actor per
    /// core plus one (an image job keeps a core busy from decode to encode; the extra actor fills the gaps
    /// while another reads its input or stores its outputs — measured in <c>bench/RESULTS.md</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, int> DefaultQueues { get; } = new Dictionary<string, int>
    {
        ["default"] = 32,
        [Imaging.ImageThumbnailHandler.Queue] = Environment.ProcessorCount + 1,
    };

    public IReadOnlyDictionary<string, int> EffectiveQueues => Queues.Count > 0 ? Queues : DefaultQueues;

    /// <summary>Parses <c>default=4,image=2</c>; throws <see cref="FormatException"/> with a sentence saying what is wrong.</summary>
    public static Dictionary<string, int> ParseQueues(string text)
    {
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0 || !int.TryParse(pieces[1], out var size) || size is < 1 or > 1024)
            {
                throw new FormatException($"--queues expects NAME=SIZE pairs such as default=4,image=2 (size 1–1024); '{part}' is not one.");
            }
            if (!Jobs.JobSubmissionValidator.IsValidQueueName(pieces[0]))
            {
                throw new FormatException($"--queues: '{pieces[0]}' is not a valid queue name (letters, digits, '.', '_', '-').");
            }
            queues[pieces[0]] = size;
        }
        if (queues.Count == 0)
        {
            throw new FormatException("--queues is empty; give at least one NAME=SIZE pair such as default=4.");
        }
        return queues;
    }
}
