using Microsoft.ML.OnnxRuntime;

namespace ActorQueue.Inference.Model;

/// <summary><c>OrtErrorCode</c> of onnxruntime_c_api.h, as ONNX Runtime's exceptions name it (<c>[ErrorCode:InvalidArgument]</c>).</summary>
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

/// <summary>
/// A run failed inside ONNX Runtime; the message is ONNX Runtime's own, without its <c>[ErrorCode:…]</c>
/// prefix, and <see cref="Code"/> says which kind of failure it was.
/// </summary>
internal sealed class ModelRunException(OrtErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public OrtErrorCode Code { get; } = code;

    /// <summary>
    /// True for errors that say nothing bad about the session (bad inputs, an unsupported model); false
    /// when ONNX Runtime itself failed during a run, after which the session is not trusted again.
    /// </summary>
    public bool LeavesSessionUsable => Code is OrtErrorCode.InvalidArgument or OrtErrorCode.InvalidGraph
        or OrtErrorCode.NotImplemented or OrtErrorCode.NoSuchFile or OrtErrorCode.NoModel or OrtErrorCode.InvalidProtobuf;

    /// <summary>Reads the error code and the message out of ONNX Runtime's exception (its code is not public, only printed).</summary>
    public static ModelRunException From(OnnxRuntimeException exception)
    {
        var (code, message) = Split(exception.Message);
        return new ModelRunException(code, message, exception);
    }

    /// <summary><c>[ErrorCode:InvalidProtobuf] Load model … failed</c> → (InvalidProtobuf, <c>Load model … failed</c>).</summary>
    public static (OrtErrorCode Code, string Message) Split(string text)
    {
        const string Prefix = "[ErrorCode:";
        if (text.StartsWith(Prefix, StringComparison.Ordinal) && text.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
        {
            var name = text[Prefix.Length..end];
            var code = Enum.TryParse<OrtErrorCode>(name, out var parsed) ? parsed : OrtErrorCode.Fail;
            return (code, text[(end + 1)..].Trim());
        }
        return (OrtErrorCode.Fail, text.Trim());
    }
}
