using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace ActorQueue.Akka.Serialization;

/// <summary>
/// The stable name of every message members exchange. A name is a promise to members of other versions:
/// never rename or reuse one; give a changed message a new name (<c>…/2</c>) and keep reading the old.
/// </summary>
internal static class ClusterMessageManifests
{
    internal sealed record Entry(string Manifest, Type Type, JsonTypeInfo TypeInfo);

    private static readonly Entry[] All =
    [
        Of("member-capabilities/1", ClusterMessageJsonContext.Default.MemberCapabilities),
        Of("capabilities-request/1", ClusterMessageJsonContext.Default.CapabilitiesRequest),
        Of("jobs-available/1", ClusterMessageJsonContext.Default.JobsAvailableHint),
        Of("job-changes/1", ClusterMessageJsonContext.Default.JobChangesHint),
        Of("cancel-requested/1", ClusterMessageJsonContext.Default.CancelRequestedHint),
        Of("schedule-changed/1", ClusterMessageJsonContext.Default.ScheduleChangedHint),
        Of("dataset-progress/1", ClusterMessageJsonContext.Default.DatasetProgressHint),
        Of("dataset-nudge/1", ClusterMessageJsonContext.Default.NudgeDataset),
        Of("join-cluster/1", ClusterMessageJsonContext.Default.JoinCluster),
        Of("join-answer/1", ClusterMessageJsonContext.Default.JoinAnswer),
    ];

    private static readonly FrozenDictionary<string, Entry> ByManifest = All.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, Entry> ByType = All.ToFrozenDictionary(e => e.Type);

    /// <summary>Every registered message type, for the round-trip test.</summary>
    public static IReadOnlyList<Entry> Entries => All;

    public static string? ManifestOf(Type type) => EntryOf(type)?.Manifest;

    public static Entry? EntryOf(Type type) => ByType.GetValueOrDefault(type);

    public static Entry? EntryOf(string manifest) => ByManifest.GetValueOrDefault(manifest);

    private static Entry Of<T>(string manifest, JsonTypeInfo<T> info) where T : IClusterMessage => new(manifest, typeof(T), info);
}
