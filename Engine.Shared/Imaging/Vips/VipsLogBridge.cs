using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorQueue.Imaging.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>
/// Routes libvips' GLib log messages (domain <c>VIPS</c>, warnings and messages — e.g. "premature end of JPEG
/// file") to <see cref="Sink"/> instead of the process's stderr. Without a sink they are dropped: the
/// same conditions reach the job as errors where they matter (see <c>fail_on=truncated</c>).
/// </summary>
internal static unsafe class VipsLogBridge
{
    /// <summary>Receives each message; set once by the imaging services (the last one set wins).</summary>
    public static Action<string>? Sink { get; set; }

    public static void Install() =>
        GLibApi.LogSetHandler("VIPS", GLibApi.LogLevelsWarningAndMessage, &OnMessage, 0);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* domain, int level, byte* message, nint userData)
    {
        try
        {
            if (Sink is { } sink && message is not null)
            {
                sink(Marshal.PtrToStringUTF8((nint)message) ?? "");
            }
        }
        catch (Exception)
        {
            // Never let an exception cross into native code.
        }
    }
}
