using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ActorQueue.Datasets.Persistence;

/// <summary>
/// Akka serializer for every <see cref="IDatasetPersisted"/>: System.Text.Json with the source-generated
/// <see cref="DatasetJournalJsonContext"/>, the manifest being the stable name of <see cref="DatasetJournalManifests"/>.
/// What it cannot read throws <see cref="DatasetJournalException"/> with a sentence naming the manifest: the
/// entity's recovery fails, and the entity fails its dataset with that sentence.
/// </summary>
internal sealed class DatasetJournalSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0–100; 7401 is the cluster messages'. This number is in every journal row: never change it.</summary>
    public const int Id = 7402;

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        DatasetJournalManifests.EntryOf(o.GetType())?.Manifest
        ?? throw new DatasetJournalException($"{o.GetType().Name} is persisted by a dataset entity without a manifest: add it to DatasetJournalManifests.");

    public override byte[] ToBinary(object obj)
    {
        var entry = DatasetJournalManifests.EntryOf(obj.GetType())
            ?? throw new DatasetJournalException($"{obj.GetType().Name} is persisted by a dataset entity without a manifest: add it to DatasetJournalManifests.");
        return JsonSerializer.SerializeToUtf8Bytes(obj, entry.TypeInfo);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var entry = DatasetJournalManifests.EntryOf(manifest)
            ?? throw new DatasetJournalException(
                $"the journal holds a record of kind '{manifest}', which this version of ActorQueue cannot read (it reads {string.Join(", ", DatasetJournalManifests.Entries.Select(e => e.Manifest))}); run the version that wrote it");
        try
        {
            return JsonSerializer.Deserialize(bytes, entry.TypeInfo)
                ?? throw new DatasetJournalException($"a '{manifest}' record in the journal is empty");
        }
        catch (JsonException exception)
        {
            throw new DatasetJournalException($"a '{manifest}' record in the journal is damaged: {exception.Message}", exception);
        }
    }
}
