using System.Runtime.InteropServices;

namespace ActorQueue.Inference.Interop;

/// <summary>The one place an <c>OrtStatus*</c> becomes an exception; the status is released on every path.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>Does nothing for a null status (success); otherwise releases it and throws what it said.</summary>
    public void Check(nint status)
    {
        if (status != 0)
        {
            throw ToException(status);
        }
    }

    /// <summary>Reads the code and message of a non-null status, releases it, and returns them as an exception.</summary>
    public OnnxRuntimeException ToException(nint status)
    {
        try
        {
            var code = (OrtErrorCode)GetErrorCode(status);
            var message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? string.Empty;
            return new OnnxRuntimeException(code, message);
        }
        finally
        {
            ReleaseStatus(status);
        }
    }
}
