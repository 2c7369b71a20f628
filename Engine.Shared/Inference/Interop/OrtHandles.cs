using System.Runtime.InteropServices;

namespace ActorQueue.Inference.Interop;

/// <summary>
/// The base of the ONNX Runtime handles, one subclass per native object type: zero is invalid, and
/// <see cref="ReleaseHandle"/> frees the object with the matching <c>ReleaseX</c> entry of the table.
/// </summary>
internal abstract unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged[Cdecl]<nint, void> _release;

    protected OrtHandle(nint value, delegate* unmanaged[Cdecl]<nint, void> release)
        : base(0, ownsHandle: true)
    {
        _release = release;
        SetHandle(value);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The native pointer, kept alive (ref-counted) until the lease is disposed.</summary>
    public HandleLease Lease() => new(this);

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}

/// <summary>Holds a reference on a handle while native code uses its pointer, so a concurrent dispose waits.</summary>
internal readonly ref struct HandleLease
{
    private readonly SafeHandle _owner;

    public HandleLease(SafeHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        _owner = owner;
        Pointer = owner.DangerousGetHandle();
    }

    public nint Pointer { get; }

    public void Dispose() => _owner.DangerousRelease();
}

/// <summary><c>OrtEnv*</c>.</summary>
internal sealed unsafe class OrtEnvHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseEnv);

/// <summary><c>OrtSessionOptions*</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseSessionOptions);

/// <summary><c>OrtSession*</c>.</summary>
internal sealed unsafe class OrtSessionHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseSession);

/// <summary><c>OrtRunOptions*</c>.</summary>
internal sealed unsafe class OrtRunOptionsHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseRunOptions);

/// <summary><c>OrtMemoryInfo*</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseMemoryInfo);

/// <summary><c>OrtValue*</c>.</summary>
internal sealed unsafe class OrtValueHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseValue);

/// <summary><c>OrtTypeInfo*</c>.</summary>
internal sealed unsafe class OrtTypeInfoHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseTypeInfo);

/// <summary><c>OrtTensorTypeAndShapeInfo*</c> that the caller owns (from <c>GetTensorTypeAndShape</c>).</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle(nint value) : OrtHandle(value, OrtRuntime.Api.ReleaseTensorTypeAndShapeInfo);
