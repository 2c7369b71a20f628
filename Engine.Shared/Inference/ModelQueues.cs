using ActorQueue.Jobs;

namespace ActorQueue.Inference;

/// <summary>
/// Each served model has its own queue, <c>inference.NAME</c>: a node claims classify jobs only from the
/// queues of models it has loaded, so it never takes a job for a model it cannot run (and never hands jobs
/// back in a loop). <c>--queues inference=N</c> sizes every model's queue.
/// </summary>
internal static class ModelQueues
{
    /// <summary>The queue name every model queue starts with; also the <c>--queues</c> entry that sizes them.</summary>
    public const string Prefix = "inference.";

    /// <summary>The longest model name: its queue name must fit the queue-name limit.</summary>
    public const int MaxNameLength = JobDefaults.MaxQueueLength - 10;

    public static string QueueOf(string model) => Prefix + model;

    /// <summary>The model whose queue <paramref name="queue"/> is, or null for any other queue.</summary>
    public static string? ModelOf(string queue) =>
        queue.StartsWith(Prefix, StringComparison.Ordinal) && queue.Length > Prefix.Length ? queue[Prefix.Length..] : null;

    /// <summary>Model names are queue-name parts: letters, digits, '.', '_' or '-', not starting with '.'.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
