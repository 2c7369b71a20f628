using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>
/// A reference-counted libvips object owned by managed code: disposing the handle (or, as a last resort,
/// the runtime's critical finalization of <see cref="SafeHandle"/>) drops the reference once.
/// </summary>
internal abstract class VipsHandle : SafeHandle
{
    protected VipsHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;
}

/// <summary>A GObject reference, dropped with <c>g_object_unref</c>.</summary>
internal abstract class GObjectHandle : VipsHandle
{
    protected override bool ReleaseHandle()
    {
        lock (OrcGate.Gate) // the last reference to a pipeline frees its Orc programs
        {
            GObjectApi.ObjectUnref(handle);
        }
        return true;
    }
}

/// <summary>A <c>VipsOperation</c> (built or not).</summary>
internal sealed class VipsOperationHandle : GObjectHandle;

/// <summary>A <c>VipsImage</c>.</summary>
internal sealed class VipsImageHandle : GObjectHandle
{
    /// <summary>Takes a new reference on a borrowed image pointer (e.g. one read out of a GValue).</summary>
    public static VipsImageHandle Reference(nint image)
    {
        var owned = new VipsImageHandle();
        owned.SetHandle(GObjectApi.ObjectRef(image));
        return owned;
    }
}

/// <summary>A <c>VipsBlob</c> (a reference-counted <c>VipsArea</c> of bytes), released with <c>vips_area_unref</c>.</summary>
internal sealed class VipsBlobHandle : VipsHandle
{
    protected override bool ReleaseHandle()
    {
        VipsApi.AreaUnref(handle);
        return true;
    }
}
