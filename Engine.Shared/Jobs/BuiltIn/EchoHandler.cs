using System.Text.Json;

namespace ActorQueue.Jobs.BuiltIn;

/// <summary><c>echo</c>: the result is the payload.</summary>
internal sealed class EchoHandler : IJobHandler
{
    public string Kind => "echo";

    public ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<JsonElement?>(context.Payload.ValueKind == JsonValueKind.Undefined ? null : context.Payload);
}
