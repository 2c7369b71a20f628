using NetVips;

namespace ActorQueue.Imaging.Libvips;

/// <summary>
/// Routes libvips' GLib log messages (domain <c>VIPS</c>, warnings and messages, e.g. "premature end of JPEG
/// image") to <see cref="Sink"/> instead of the process's stderr. Without a sink they are dropped: the same
/// conditions reach the job as errors where they matter (see <c>fail_on=truncated</c>).
/// </summary>
internal static class LibvipsLogBridge
{
    /// <summary>Receives each message; set by the imaging services (the last one set wins).</summary>
    public static Action<string>? Sink { get; set; }

    public static void Install() =>
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message, OnMessage);

    private static void OnMessage(string domain, Enums.LogLevelFlags level, string message)
    {
        try
        {
            Sink?.Invoke(message);
        }
        catch (Exception)
        {
            // Called from libvips' threads: an exception must never cross back into native code.
        }
    }
}
