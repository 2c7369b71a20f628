using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>GLib (<c>libglib-2.0.so.0</c>): freeing what libvips allocates, and its log messages.</summary>
internal static unsafe partial class GLibApi
{
    // GLogLevelFlags G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE. Info and debug messages stay with GLib's
    // default handler, which drops them unless G_MESSAGES_DEBUG asks for them.
    public const int LogLevelsWarningAndMessage = (1 << 4) | (1 << 5);

    static GLibApi() => Libraries.Register();

    // void g_free(gpointer mem)
    [LibraryImport(Libraries.GLib, EntryPoint = "g_free")]
    public static partial void Free(void* memory);

    // void g_strfreev(gchar **str_array)
    [LibraryImport(Libraries.GLib, EntryPoint = "g_strfreev")]
    public static partial void StrFreeV(byte** array);

    // const gchar *g_getenv(const gchar *variable)   the process environment (not .NET's copy of it)
    [LibraryImport(Libraries.GLib, EntryPoint = "g_getenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* GetEnv(string variable);

    // gboolean g_setenv(const gchar *variable, const gchar *value, gboolean overwrite)
    [LibraryImport(Libraries.GLib, EntryPoint = "g_setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetEnv(string variable, string value, int overwrite);

    // guint g_log_set_handler(const gchar *log_domain, GLogLevelFlags log_levels, GLogFunc log_func, gpointer user_data)
    // GLogFunc: void (*)(const gchar *log_domain, GLogLevelFlags log_level, const gchar *message, gpointer user_data)
    [LibraryImport(Libraries.GLib, EntryPoint = "g_log_set_handler", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint LogSetHandler(string domain, int levels, delegate* unmanaged[Cdecl]<byte*, int, byte*, nint, void> handler, nint userData);
}
