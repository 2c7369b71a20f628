namespace ActorQueue.Inference.Model;

/// <summary>
/// A loaded classifier that runs batches: what an inference actor owns. It owns its input and output
/// buffers, sized for its largest batch and reused run after run: the actor writes the images into
/// <see cref="InputFor"/>, then <see cref="Run"/> fills the scores. <see cref="OnnxModel"/> is the real one;
/// tests substitute their own to inject failures.
/// </summary>
internal interface IInferenceSession : IDisposable
{
    ModelSignature Signature { get; }

    /// <summary>The model's inputs and outputs as ONNX Runtime describes them (for <c>aq models list</c>).</summary>
    IReadOnlyList<TensorDescription> Inputs { get; }

    /// <inheritdoc cref="Inputs"/>
    IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>The most images one run takes.</summary>
    int Capacity { get; }

    /// <summary>Where <paramref name="count"/> images go, one after the other (each <see cref="ModelSignature.ItemLength"/> floats).</summary>
    Span<float> InputFor(int count);

    /// <summary>
    /// Runs the <paramref name="count"/> images written to <see cref="InputFor"/> and returns count × Classes
    /// scores, item by item, in the session's output buffer (valid until the next run). Throws
    /// <see cref="OperationCanceledException"/> when cancelled during the run.
    /// </summary>
    ReadOnlySpan<float> Run(int count, CancellationToken cancellationToken);
}
