using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>
/// Turns a failed libvips call into a <see cref="VipsException"/>. libvips keeps one error buffer for the
/// whole process, so with several actors failing at once their messages can land in one buffer: it is
/// copied and cleared atomically (<c>vips_error_buffer_copy</c>) under one lock, and every exception also
/// names the step that failed, which the caller knows for certain; the buffer text is detail.
/// </summary>
internal static unsafe class VipsErrors
{
    private static readonly Lock Gate = new();

    /// <summary>The error buffer's text (its distinct lines, joined), now cleared.</summary>
    public static string Take()
    {
        lock (Gate)
        {
            var text = VipsApi.ErrorBufferCopy();
            try
            {
                // One line per message; a failure often reports the same line twice (load, then build).
                var lines = (text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "")
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return string.Join("; ", lines.Distinct(StringComparer.Ordinal));
            }
            finally
            {
                GLibApi.Free(text);
            }
        }
    }

    /// <summary>
    /// An exception for the failed <paramref name="step"/>, with whatever libvips said. <paramref name="setup"/>
    /// marks failures to set an operation up (no such operation or argument): the binding's fault or the
    /// library's, never the input's.
    /// </summary>
    public static VipsException Failed(string step, bool setup = false) => new(step, Take(), setup);

    /// <summary>
    /// <paramref name="handle"/> when the call that returned it succeeded; otherwise disposes it and
    /// throws for <paramref name="step"/>.
    /// </summary>
    public static T Check<T>(T handle, string step, bool setup = false) where T : SafeHandle
    {
        if (!handle.IsInvalid)
        {
            return handle;
        }
        handle.Dispose();
        throw Failed(step, setup);
    }
}

/// <summary>
/// A libvips call failed: <see cref="Step"/> says which, <see cref="Detail"/> what libvips reported, and
/// <see cref="Setup"/> whether it failed while setting an operation up rather than while running it.
/// </summary>
internal sealed class VipsException(string step, string detail, bool setup = false)
    : Exception(detail.Length > 0 ? $"{step}: {detail}" : $"{step} failed (libvips gave no detail)")
{
    public string Step { get; } = step;

    public string Detail { get; } = detail;

    public bool Setup { get; } = setup;
}
