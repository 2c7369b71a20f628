namespace ActorQueue.Cluster;

/// <summary>
/// A model as a member advertises it (<see cref="Directory.MemberCapabilities.Models"/>): where it
/// stands on that member (<c>loading</c>, <c>ready</c> or <c>failed</c>, with the sentence why), its input
/// and outputs (the shapes once loaded, -1 for a dynamic dimension), its labels and its batching. The seed
/// merges the members' records for <c>GET /api/models</c> and routes classify jobs to the models that are
/// loading or ready somewhere.
/// </summary>
public sealed record ModelRecord
{
    public const string Loading = "loading";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public required string Name { get; init; }
    public required string State { get; init; }
    public string? Error { get; init; }
    public string? Input { get; init; }
    public long[]? InputShape { get; init; }
    public string? Layout { get; init; }
    public int? Size { get; init; }
    public IReadOnlyList<ModelOutputRecord> Outputs { get; init; } = [];
    public string? Labels { get; init; }
    public int? LabelCount { get; init; }
    public int? MaxBatch { get; init; }
    public double? MaxDelayMs { get; init; }

    /// <summary>Loading or ready: jobs for it may be routed to this member.</summary>
    public bool IsServed => State is Loading or Ready;
}

/// <summary>One output of a model: its name and shape (-1 for a dynamic dimension).</summary>
public sealed record ModelOutputRecord(string Name, long[] Shape);

/// <summary>
/// What a member tells the cluster about its models; the inference part of a worker registers it, and the
/// member's <see cref="Directory.CapabilitiesPublisher"/> publishes it when it starts and whenever it changes.
/// </summary>
internal interface IModelAdvertiser
{
    IReadOnlyList<ModelRecord> Models { get; }

    event Action? ModelsChanged;
}
