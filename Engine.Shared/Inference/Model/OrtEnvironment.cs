using Microsoft.ML.OnnxRuntime;

namespace ActorQueue.Inference.Model;

/// <summary>
/// The process's one ONNX Runtime environment, created before the first session with logging at ERROR, so
/// that ONNX Runtime stays quiet on stderr (its warnings about unused initialisers and the like are not the
/// operator's business). The library itself comes with the <c>Microsoft.ML.OnnxRuntime</c> package.
/// </summary>
internal static class OrtEnvironment
{
    private static readonly Lazy<string> Created = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>ONNX Runtime's version, e.g. 1.32.0; creates the environment on first use.</summary>
    public static string Version => Created.Value;

    public static void Ensure() => _ = Created.Value;

    private static string Create()
    {
        var options = new EnvironmentCreationOptions { logId = "actorqueue", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        return OrtEnv.CreateInstanceWithOptions(ref options).GetVersionString();
    }
}
