namespace ActorQueue.Inference;

/// <summary>
/// Whether this model can serve on this node, for <see cref="InferenceModels"/>: while it loads it can
/// (classify jobs wait for it); once refused or failed it cannot, and says why. A pool that is merely
/// stopping still counts as able: the node drains its queues then anyway.
/// </summary>
internal sealed partial class InferencePool
{
    private string? _unavailable;

    /// <summary>Null while the model loads or serves; otherwise why it cannot, in one sentence naming the model.</summary>
    public string? Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Raised when the model becomes ready or unavailable (from any thread).</summary>
    public event Action? Changed;

    private void MarkUnavailable(string reason)
    {
        if (Interlocked.CompareExchange(ref _unavailable, reason, null) is null)
        {
            Changed?.Invoke();
        }
    }
}
