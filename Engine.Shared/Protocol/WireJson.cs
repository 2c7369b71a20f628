using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorQueue.Protocol;

/// <summary>
/// The wire types' serializer settings for output: the source-generated metadata of
/// <see cref="WireJsonContext"/>, with relaxed escaping so that messages read
/// <c>'echo'</c>, not <c>\u0027echo\u0027</c>. Every answer is <c>application/json</c> or NDJSON, never HTML.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(WireJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
