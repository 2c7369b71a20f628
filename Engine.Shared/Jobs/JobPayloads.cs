using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorQueue.Jobs;

/// <summary>Reads a handler's payload as its wire type; a payload that is absent or of another shape discards the job.</summary>
internal static class JobPayloads
{
    /// <param name="what">What the payload is, for the message, e.g. <c>a thumbnail request</c>.</param>
    /// <param name="shape">Its fields and who writes it, e.g. <c>{input, top?} (POST /api/classify writes it)</c>.</param>
    public static T Read<T>(JobContext context, JsonTypeInfo<T> type, string what, string shape) where T : class
    {
        if (context.Payload.ValueKind != JsonValueKind.Object)
        {
            throw new JobDiscardException($"payload is required: {shape}.");
        }
        try
        {
            return context.Payload.Deserialize(type) ?? throw new JobDiscardException($"payload is required: {shape}.");
        }
        catch (JsonException exception)
        {
            throw new JobDiscardException($"payload is not {what}: {exception.Message}", exception);
        }
    }
}
