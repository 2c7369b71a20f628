using ActorQueue.Inference.Interop;

namespace ActorQueue.Inference.Model;

/// <summary>
/// An image classifier loaded into its own ONNX Runtime session and checked against the configured input
/// contract. One caller at a time: an inference actor owns it and disposes it when it stops.
/// </summary>
internal sealed class OnnxModel : IInferenceSession
{
    private readonly OrtSession _session;

    private OnnxModel(OrtSession session, ModelSignature signature)
    {
        _session = session;
        Signature = signature;
    }

    public ModelSignature Signature { get; }

    /// <summary>
    /// Loads the model named by <paramref name="settings"/>. Throws <see cref="ModelLoadException"/> (missing
    /// file, not an ONNX model, wrong input or output) or <see cref="OnnxRuntimeNotFoundException"/>, each
    /// with one sentence.
    /// </summary>
    public static OnnxModel Load(InferenceSettings settings)
    {
        var path = settings.ModelPath;
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"The model file {path} does not exist.");
        }
        OrtRuntime.EnsureLoaded(settings.RuntimePath);
        OrtSession session;
        try
        {
            session = OrtSession.Create(path, settings.Session);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new ModelLoadException($"The model file {path} is not a model ONNX Runtime can load: {FirstLine(exception.Message)}", exception);
        }
        try
        {
            var signature = ModelSignatureRules.Validate(path, session.Inputs, session.Outputs,
                settings.InputName, settings.OutputName, settings.Layout, settings.Size);
            return new OnnxModel(session, signature);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public float[] Run(ReadOnlySpan<float> batch, int count, CancellationToken cancellationToken)
    {
        var signature = Signature;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (batch.Length != count * signature.ItemLength)
        {
            throw new ArgumentException($"A batch of {count} needs {count * signature.ItemLength} floats, not {batch.Length}.", nameof(batch));
        }
        var runCount = count;
        if (signature.FixedBatch is { } fixedBatch && count != fixedBatch)
        {
            // A model with a fixed batch dimension runs full batches: pad with zeros and drop the extra scores.
            if (count > fixedBatch)
            {
                throw new ArgumentException($"The model takes batches of exactly {fixedBatch}; {count} images do not fit.", nameof(count));
            }
            var padded = new float[fixedBatch * signature.ItemLength];
            batch.CopyTo(padded);
            batch = padded;
            runCount = fixedBatch;
        }
        var (values, shape) = _session.Run(signature.InputName, batch, signature.InputShape(runCount), signature.OutputName, cancellationToken);
        if (shape.Length < 2 || shape[0] != runCount || shape[1] != signature.Classes)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidGraph,
                $"The model returned scores of shape [{string.Join(",", shape)}] for a batch of {runCount}; expected [{runCount},{signature.Classes}].");
        }
        return runCount == count ? values : values[..(count * signature.Classes)];
    }

    public void Dispose() => _session.Dispose();

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
