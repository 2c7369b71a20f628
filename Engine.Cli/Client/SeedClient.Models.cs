using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

internal sealed partial class SeedClient
{
    /// <summary><c>GET /api/models</c>: the models of the live members and where each is loaded.</summary>
    public Task<SeedAnswer<ModelListView>> ModelsAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, "api/models", null, WireJsonContext.Default.ModelListView, RequestTimeout, ct);
}
