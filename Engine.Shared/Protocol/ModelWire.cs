namespace ActorQueue.Protocol;

/// <summary><c>GET /api/models</c>: every model a live member serves or failed to load, by name.</summary>
public sealed record ModelListView(IReadOnlyList<ModelView> Models);

/// <summary>
/// One model across the cluster: its input (name, shape with -1 for a dynamic dimension, layout, size), its
/// outputs, its labels, its batching, and on which members it is loading, ready or failed (with why).
/// </summary>
public sealed record ModelView(string Name, ModelInputView? Input, IReadOnlyList<ModelOutputView> Outputs, ModelLabelsView? Labels,
    ModelBatchingView? Batching, IReadOnlyList<ModelNodeView> Nodes);

public sealed record ModelInputView(string Name, IReadOnlyList<long>? Shape, string? Layout, int? Size);

public sealed record ModelOutputView(string Name, IReadOnlyList<long> Shape);

/// <summary>The labels file (its name in the model's folder) and how many classes it names, once loaded.</summary>
public sealed record ModelLabelsView(string File, int? Count);

public sealed record ModelBatchingView(int MaxBatch, double MaxDelayMs);

/// <summary>A member that has the model: <c>loading</c>, <c>ready</c> or <c>failed</c> (with the sentence why).</summary>
public sealed record ModelNodeView(string Id, string Name, string State, string? Error);
