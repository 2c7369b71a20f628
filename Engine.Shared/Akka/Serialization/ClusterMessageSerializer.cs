using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ActorQueue.Akka.Serialization;

/// <summary>
/// Akka serializer for every <see cref="IClusterMessage"/>: System.Text.Json with the source-generated
/// <see cref="ClusterMessageJsonContext"/>, the manifest being the message's stable name. An unknown manifest
/// or unreadable bytes throw <see cref="SerializationException"/> with a sentence naming the manifest: Akka
/// drops that one message and logs it, and the connection stays up.
/// </summary>
public sealed class ClusterMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0–100 for itself; this number must never change once members run it.</summary>
    public const int Id = 7401;

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        ClusterMessageManifests.ManifestOf(o.GetType())
        ?? throw new SerializationException($"{o.GetType().Name} is an IClusterMessage without a manifest: add it to ClusterMessageManifests.");

    public override byte[] ToBinary(object obj)
    {
        var entry = ClusterMessageManifests.EntryOf(obj.GetType())
            ?? throw new SerializationException($"{obj.GetType().Name} is an IClusterMessage without a manifest: add it to ClusterMessageManifests.");
        return JsonSerializer.SerializeToUtf8Bytes(obj, entry.TypeInfo);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var entry = ClusterMessageManifests.EntryOf(manifest)
            ?? throw new SerializationException($"A member sent a message of unknown kind '{manifest}': it runs another version of ActorQueue.");
        try
        {
            return JsonSerializer.Deserialize(bytes, entry.TypeInfo)
                ?? throw new SerializationException($"A '{manifest}' message arrived empty.");
        }
        catch (JsonException exception)
        {
            throw new SerializationException($"A '{manifest}' message could not be read: {exception.Message}", exception);
        }
    }
}
