using ActorQueue.Cluster;
using ActorQueue.Jobs;

namespace ActorQueue.Inference;

/// <summary>
/// What the node can classify, for membership and the queue dispatchers. The kind runs here while at least
/// one model loads or serves; each model's queue (<c>inference.NAME</c>) is claimed from only while that
/// model does, so a job is never taken for a model this node cannot run. Membership also advertises every
/// model, with its state, to the cluster (<see cref="IModelAdvertiser"/>).
/// </summary>
internal sealed partial class InferenceModels : IJobKindAvailability, IModelAdvertiser
{
    internal const string NoModel =
        "No model is configured on this node; start it with --model PATH.onnx (Inference:Model:Path) or --models DIR (Inference:Models).";

    string IJobKindAvailability.Kind => ClassifyJobHandler.JobKind;

    string IJobKindAvailability.Queue => ClassifyJobHandler.Queue;

    /// <summary>Null while some model loads or serves; otherwise why this node cannot classify, every model's sentence.</summary>
    public string? Unavailable
    {
        get
        {
            if (_catalog.Problem is { } problem)
            {
                return problem;
            }
            if (_pools.Count == 0)
            {
                return NoModel;
            }
            return _pools.Any(pool => pool.Unavailable is null) ? null : string.Join(" ", _pools.Select(pool => pool.Unavailable));
        }
    }

    /// <summary>Why jobs of a model's queue cannot run here (the model failed, or this node does not have it); null for other queues.</summary>
    public string? UnavailableOn(string queue) => ModelQueues.ModelOf(queue) is { } name
        ? Find(name) is { } pool ? pool.Unavailable : $"Model '{name}' is not served on this node."
        : null;

    public event Action? Changed;

    public event Action? ModelsChanged;

    public IReadOnlyList<ModelRecord> Models => _pools.Select(ModelAdverts.Of).ToList();

    private void OnPoolChanged()
    {
        Changed?.Invoke();
        ModelsChanged?.Invoke();
    }
}
