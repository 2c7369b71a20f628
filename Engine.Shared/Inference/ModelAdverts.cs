using ActorQueue.Cluster;
using ActorQueue.Inference.Model;

namespace ActorQueue.Inference;

/// <summary>A pool as its member advertises it to the cluster (<see cref="ModelRecord"/>).</summary>
internal static class ModelAdverts
{
    public static ModelRecord Of(InferencePool pool)
    {
        var state = pool.Unavailable is not null ? ModelRecord.Failed : pool.IsReady ? ModelRecord.Ready : ModelRecord.Loading;
        if (pool.Settings is not { } settings)
        {
            return new ModelRecord { Name = pool.Name, State = state, Error = pool.Unavailable };
        }
        var description = pool.Description;
        return new ModelRecord
        {
            Name = pool.Name,
            State = state,
            Error = pool.Unavailable,
            Input = settings.InputName,
            InputShape = description?.Inputs.FirstOrDefault(i => i.Name == settings.InputName)?.Dimensions ?? DeclaredShape(settings),
            Layout = settings.Layout.ToString().ToUpperInvariant(),
            Size = settings.Size,
            Outputs = description?.Outputs.Select(o => new ModelOutputRecord(o.Name, o.Dimensions)).ToList() ?? [],
            Labels = settings.LabelsPath is { } labels ? Path.GetFileName(labels) : null,
            LabelCount = pool.Labels?.Count,
            MaxBatch = settings.MaxBatch,
            MaxDelayMs = settings.MaxDelay.TotalMilliseconds,
        };
    }

    private static long[] DeclaredShape(InferenceSettings settings) =>
        new ModelSignature(settings.InputName, string.Empty, settings.Layout, settings.Size, null, 1).InputShape(-1);
}
