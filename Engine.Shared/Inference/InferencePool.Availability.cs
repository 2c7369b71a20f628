using ActorQueue.Jobs;

namespace ActorQueue.Inference;

/// <summary>
/// Whether this node can classify, for membership and the queue dispatchers: while the model loads it
/// can (classify jobs wait for it); without a model, or once the pool failed, it cannot, and says why.
/// A pool that is merely stopping still counts as able: the node drains its queues then anyway.
/// </summary>
internal sealed partial class InferencePool : IJobKindAvailability
{
    internal const string NoModel = "No model is configured on this node; start it with --model PATH.onnx (Inference:Model:Path).";

    private string? _unavailable;

    string IJobKindAvailability.Kind => ClassifyJobHandler.JobKind;

    string IJobKindAvailability.Queue => ClassifyJobHandler.Queue;

    /// <summary>Null while the model loads or serves; otherwise why this node cannot classify, in one sentence.</summary>
    public string? Unavailable => Volatile.Read(ref _unavailable) ?? (HasModelPath() ? null : NoModel);

    public event Action? Changed;

    private void MarkUnavailable(string reason)
    {
        if (Interlocked.CompareExchange(ref _unavailable, reason, null) is null)
        {
            Changed?.Invoke();
        }
    }

    private bool HasModelPath()
    {
        try
        {
            return !string.IsNullOrWhiteSpace(_options().Model.Path);
        }
        catch (InvalidOperationException)
        {
            return true; // a configuration that does not bind: the start reports it, and then this is unavailable
        }
    }
}
