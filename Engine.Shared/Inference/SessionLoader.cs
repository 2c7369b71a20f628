using ActorQueue.Inference.Model;

namespace ActorQueue.Inference;

/// <summary>How inference actors open their sessions: <see cref="OnnxModel.Load"/>, unless a test registers its own to inject failures.</summary>
internal sealed class SessionLoader(Func<InferenceSettings, IInferenceSession> load)
{
    public static SessionLoader Onnx { get; } = new(OnnxModel.Load);

    public IInferenceSession Load(InferenceSettings settings) => load(settings);
}
