using System.Runtime.Serialization;

namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// A dataset's journal or snapshot cannot be read: an unknown manifest (written by another version), bytes that
/// are not what the manifest says, or events that do not follow each other. It fails that dataset, with this
/// message as its failure, and nothing else.
/// </summary>
internal sealed class DatasetJournalException(string message, Exception? inner = null) : SerializationException(message, inner)
{
    /// <summary>Whether <paramref name="exception"/> (or what it wraps) says the stored data cannot be read, as opposed to the database being unreachable.</summary>
    public static bool IsUnreadableData(Exception? exception, out Exception cause)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SerializationException)
            {
                cause = current;
                return true;
            }
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (IsUnreadableData(inner, out cause))
                    {
                        return true;
                    }
                }
            }
        }
        cause = exception!;
        return false;
    }
}
