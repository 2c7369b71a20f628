using ActorQueue.Akka.Serialization;
using ActorQueue.Storage;

namespace ActorQueue.Cluster.Signals;

// Hints one member sends the others after it commits: lossy on purpose (the ledger is the truth, and
// every waiter also polls slowly). Each names its origin, so that the member that sent it, which has
// raised the signal itself already, skips its own copy.

/// <summary>Jobs became available in these queues (topic <see cref="SignalTopics.JobsAvailable"/>).</summary>
public sealed record JobsAvailableHint(string Origin, IReadOnlyList<string> Queues) : IClusterMessage;

/// <summary>Jobs changed state (topic <see cref="SignalTopics.JobChanges"/>): what waiters on <c>?wait</c>, SSE and TCP <c>get</c> need.</summary>
public sealed record JobChangesHint(string Origin, IReadOnlyList<JobChange> Changes) : IClusterMessage;

/// <summary>Running jobs were asked to stop (topic <see cref="SignalTopics.CancelRequested"/>).</summary>
public sealed record CancelRequestedHint(string Origin, IReadOnlyList<string> JobIds) : IClusterMessage;

/// <summary>A scheduled or retryable job was added or moved (topic <see cref="SignalTopics.ScheduleChanged"/>).</summary>
public sealed record ScheduleChangedHint(string Origin) : IClusterMessage;

/// <summary>Datasets committed a batch (topic <see cref="SignalTopics.DatasetProgress"/>).</summary>
public sealed record DatasetProgressHint(string Origin, IReadOnlyList<string> DatasetIds) : IClusterMessage;

/// <summary>The DistributedPubSub topics of the hints.</summary>
public static class SignalTopics
{
    public const string JobsAvailable = "jobs-available";
    public const string JobChanges = "job-changes";
    public const string CancelRequested = "cancel-requested";
    public const string ScheduleChanged = "schedule-changed";
    public const string DatasetProgress = "dataset-progress";

    public static readonly string[] All = [JobsAvailable, JobChanges, CancelRequested, ScheduleChanged, DatasetProgress];
}
