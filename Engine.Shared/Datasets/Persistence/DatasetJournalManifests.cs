using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// The stable name of everything a dataset entity persists. A name is a promise to every journal written so
/// far: never rename or reuse one; give a changed format a new name (<c>…/2</c>), keep reading the old one, and
/// add its bytes to the recovery test's fixtures.
/// </summary>
internal static class DatasetJournalManifests
{
    public const string Batch = "dataset-batch/1";
    public const string Snapshot = "dataset-snapshot/1";

    internal sealed record Entry(string Manifest, Type Type, JsonTypeInfo TypeInfo);

    private static readonly Entry[] All =
    [
        Of(Batch, DatasetJournalJsonContext.Default.BatchApplied),
        Of(Snapshot, DatasetJournalJsonContext.Default.DatasetSnapshot),
    ];

    private static readonly FrozenDictionary<string, Entry> ByManifest = All.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, Entry> ByType = All.ToFrozenDictionary(e => e.Type);

    public static IReadOnlyList<Entry> Entries => All;

    public static Entry? EntryOf(Type type) => ByType.GetValueOrDefault(type);

    public static Entry? EntryOf(string manifest) => ByManifest.GetValueOrDefault(manifest);

    private static Entry Of<T>(string manifest, JsonTypeInfo<T> info) where T : IDatasetPersisted => new(manifest, typeof(T), info);
}
