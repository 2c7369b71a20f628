using NetVips;

namespace ActorQueue.Imaging.Libvips;

/// <summary>
/// Reads a NetVips <see cref="VipsException"/>: its first line is NetVips' own ("unable to call
/// jpegsave_buffer"), the rest is what libvips put in its error buffer. libvips keeps one error buffer for
/// the whole process and NetVips reads and clears it without a lock, so when several images fail at once a
/// message can carry another's lines: callers name the step that failed themselves, which they know for
/// certain, and use <see cref="Detail"/> only as detail.
/// </summary>
internal static class VipsExceptions
{
    /// <summary>
    /// True when an operation could not even be set up (no such operation, arguments unreadable): the
    /// engine's fault or the library's, never the input's.
    /// </summary>
    public static bool IsSetup(this VipsException exception) =>
        exception.Message.StartsWith("no such operation", StringComparison.Ordinal)
        || exception.Message.StartsWith("unable to get arguments", StringComparison.Ordinal);

    /// <summary>libvips' own words, each distinct line once, joined by "; "; NetVips' line when libvips said nothing.</summary>
    public static string Detail(this VipsException exception)
    {
        var lines = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var detail = string.Join("; ", lines.Skip(1).Distinct(StringComparer.Ordinal));
        return detail.Length > 0 ? detail : lines.FirstOrDefault() ?? "";
    }
}
