using Microsoft.ML.OnnxRuntime;

namespace ActorQueue.Inference.Model;

/// <summary>
/// An image classifier in its own ONNX Runtime <see cref="InferenceSession"/>, checked against its declared
/// input contract, with pinned input and output buffers for its largest batch that every run reuses (see
/// OnnxModel.Run.cs). One caller at a time: an inference actor owns it and disposes it when it stops.
/// </summary>
internal sealed partial class OnnxModel : IInferenceSession
{
    private readonly InferenceSession _session;

    private OnnxModel(InferenceSession session, ModelSignature signature, int capacity)
    {
        _session = session;
        Signature = signature;
        Inputs = TensorDescription.Of(session.InputMetadata);
        Outputs = TensorDescription.Of(session.OutputMetadata);
        Capacity = capacity;
        _input = GC.AllocateUninitializedArray<float>(capacity * signature.ItemLength, pinned: true);
        _output = GC.AllocateArray<float>(capacity * signature.Classes, pinned: true);
        _inputValues = new OrtValue?[capacity + 1];
        _outputValues = new OrtValue?[capacity + 1];
        _inputNames = [signature.InputName];
        _outputNames = [signature.OutputName];
    }

    public ModelSignature Signature { get; }

    public IReadOnlyList<TensorDescription> Inputs { get; }

    public IReadOnlyList<TensorDescription> Outputs { get; }

    /// <summary>The model's fixed batch size, or the model's <c>MaxBatch</c> when its batch dimension is dynamic.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Loads the model named by <paramref name="settings"/>. Throws <see cref="ModelLoadException"/> with one
    /// sentence: a missing file, a file ONNX Runtime cannot load, a wrong input or output.
    /// </summary>
    public static OnnxModel Load(InferenceSettings settings)
    {
        var path = settings.ModelPath;
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"The model file {path} does not exist.");
        }
        OrtEnvironment.Ensure();
        InferenceSession session;
        using (var options = SessionOptionsFor(settings.Session))
        {
            try
            {
                session = new InferenceSession(path, options);
            }
            catch (OnnxRuntimeException exception)
            {
                throw new ModelLoadException(
                    $"The model file {path} is not a model ONNX Runtime can load: {FirstLine(ModelRunException.Split(exception.Message).Message)}", exception);
            }
        }
        try
        {
            var signature = ModelSignatureRules.Validate(path, TensorDescription.Of(session.InputMetadata), TensorDescription.Of(session.OutputMetadata), settings);
            return new OnnxModel(session, signature, signature.FixedBatch ?? Math.Max(1, settings.MaxBatch));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static SessionOptions SessionOptionsFor(OrtSessionSettings settings)
    {
        var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = (GraphOptimizationLevel)settings.GraphOptimizationLevel,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", settings.AllowSpinning ? "1" : "0");
        return options;
    }

    public void Dispose()
    {
        foreach (var value in _inputValues.Concat(_outputValues))
        {
            value?.Dispose();
        }
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
