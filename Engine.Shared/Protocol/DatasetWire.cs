using System.Text.Json;

namespace ActorQueue.Protocol;

/// <summary>Body of <c>POST /api/datasets</c>.</summary>
public sealed class CreateDatasetRequest
{
    public string? Name { get; set; }
    public string? Processor { get; set; }
    public JsonElement? Options { get; set; }
    /// <summary><c>fail</c> (default) or <c>skip</c>: what a row the processor rejects does.</summary>
    public string? OnError { get; set; }
}

/// <summary>Body of <c>POST /api/datasets/{id}/resume</c> (optional).</summary>
public sealed class ResumeDatasetRequest
{
    public string? OnError { get; set; }
}

public sealed record DatasetView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Processor { get; init; }
    public JsonElement Options { get; init; }
    public required string OnError { get; init; }
    public required string Status { get; init; }
    public bool Sealed { get; init; }
    public long RowsReceived { get; init; }
    public long RowsProcessed { get; init; }
    /// <summary>The member id of the node whose shard region hosts the dataset's entity now, or null when none does (idle, passivated).</summary>
    public string? Owner { get; init; }
    /// <summary>The owner's name, when it is a known member.</summary>
    public string? OwnerName { get; init; }
    public JsonElement? State { get; init; }
    public DatasetRowErrorView? Failure { get; init; }
    public long ErrorCount { get; init; }
    public List<DatasetRowErrorView> Errors { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record DatasetRowErrorView(long Seq, string Message);

public sealed record DatasetListResponse(List<DatasetView> Datasets);

public sealed record AppendRowsResponse(long Accepted, long LastSeq);

/// <summary>
/// A page of <c>GET /api/datasets/{id}/results</c>: the per-row outputs in sequence order, and the <c>afterSeq</c>
/// of the next page (null on the last). The route streams this shape as stored; the type describes it.
/// </summary>
public sealed record DatasetResultsView(string DatasetId, IReadOnlyList<JsonElement> Results, long? NextAfterSeq);
