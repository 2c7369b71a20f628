namespace ActorQueue.Inference.Model;

/// <summary>
/// A loaded classifier that runs batches: what an inference actor owns. <see cref="OnnxModel"/> is the
/// real one; tests substitute their own to inject failures.
/// </summary>
internal interface IInferenceSession : IDisposable
{
    ModelSignature Signature { get; }

    /// <summary>
    /// Runs <paramref name="count"/> images laid out one after the other in <paramref name="batch"/>
    /// (each <see cref="ModelSignature.ItemLength"/> floats) and returns count × Classes scores, item by item.
    /// Throws <see cref="OperationCanceledException"/> when cancelled during the run.
    /// </summary>
    float[] Run(ReadOnlySpan<float> batch, int count, CancellationToken cancellationToken);
}
