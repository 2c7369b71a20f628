using System.Text.Json;

namespace ActorQueue.Cli.Client;

/// <summary>
/// One answer of <c>GET /api/datasets/{id}/results</c>: outputs in sequence order, each kept as the
/// seed wrote it; <see cref="NextAfterSeq"/> is set when there may be more.
/// </summary>
internal sealed record DatasetResultsPage(string DatasetId, List<JsonElement> Results, long? NextAfterSeq);
