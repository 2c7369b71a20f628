namespace ActorQueue.Inference.Interop;

/// <summary><c>OrtErrorCode</c> of onnxruntime_c_api.h (values 0–11 are stable since 1.0).</summary>
internal enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary>An ONNX Runtime call returned a failed <c>OrtStatus</c>; the message is ONNX Runtime's own.</summary>
internal sealed class OnnxRuntimeException(OrtErrorCode code, string message) : Exception(message)
{
    public OrtErrorCode Code { get; } = code;

    /// <summary>
    /// True for errors that say nothing bad about the session (bad inputs, an unsupported model); false
    /// when ONNX Runtime itself failed during a run, after which the session is not trusted again.
    /// </summary>
    public bool LeavesSessionUsable => Code is OrtErrorCode.InvalidArgument or OrtErrorCode.InvalidGraph
        or OrtErrorCode.NotImplemented or OrtErrorCode.NoSuchFile or OrtErrorCode.NoModel or OrtErrorCode.InvalidProtobuf;
}
