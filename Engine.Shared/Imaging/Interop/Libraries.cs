using ActorQueue.Interop;

namespace ActorQueue.Imaging.Interop;

/// <summary>
/// The native libraries of the libvips binding. Debian's <c>libvips42</c> ships only versioned file names
/// (no <c>libvips.so</c> without <c>libvips-dev</c>), so each name resolves to its versioned files through
/// <see cref="NativeLibraryResolver"/>; the other platforms' names are listed for completeness.
/// </summary>
internal static class Libraries
{
    public const string Vips = "vips";
    public const string GObject = "gobject-2.0";
    public const string GLib = "glib-2.0";

    private static int _registered;

    /// <summary>Registers the names with the assembly's resolver; called by each interop class before its first call.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }
        NativeLibraryResolver.Register(Vips, "libvips.so.42", "libvips.42.dylib", "libvips-42.dll");
        NativeLibraryResolver.Register(GObject, "libgobject-2.0.so.0", "libgobject-2.0.0.dylib", "libgobject-2.0-0.dll");
        NativeLibraryResolver.Register(GLib, "libglib-2.0.so.0", "libglib-2.0.0.dylib", "libglib-2.0-0.dll");
    }
}
