using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetVips;

namespace ActorQueue.Imaging.Libvips;

/// <summary>
/// The one place libvips is set up for a server. NetVips loads the libvips that NetVips.Native.linux-x64
/// bundles (8.18.7, one static library: GLib and every codec inside, no plugin modules) and starts it when
/// its assembly loads; this applies the settings below once per process, before any image is touched:
/// <list type="bullet">
/// <item>One worker thread per operation by default (<see cref="ImageOptions.VipsThreads"/>): the engine
/// already runs about one image actor per core, so each job keeps one core busy from decode to encode;
/// libvips' default of one thread per core in every operation would put cores × cores threads on the cores
/// under load (measured in <c>bench/RESULTS.md</c>).</item>
/// <item>The operation cache off, as imgproxy does: every job brings a new input buffer, so a cached
/// operation would never be hit again and would only hold its images' memory.</item>
/// <item>Only the JPEG, PNG and WebP buffer loaders may run. Every other loader (GIF, TIFF, SVG, HEIF, …:
/// the bundled build has them) is blocked, whatever the bytes claim to be and however they reach libvips,
/// so a crafted file never gets to a parser the engine does not need.</item>
/// <item>libvips' warnings go to the process's log (<see cref="LibvipsLogBridge"/>), not to stderr.</item>
/// </list>
/// Two settings of the Debian build are gone: it needed <c>VIPSHOME</c> pointed at an empty directory so that
/// no plugin module loaded (the OpenSlide one brought the system libsqlite3, which crashed
/// Microsoft.Data.Sqlite), and a lock around Orc code generation (liborc 0.4.33 freed generated code unsafely
/// across threads). The bundled build has no modules at all and vectorises with Highway instead of Orc.
/// <para>NetVips starts libvips as soon as its assembly is first touched (even by running a method that merely
/// names one of its types), and would fall back to any libvips on the system's library path, such as Debian's
/// 8.14 with its plugin modules. So the bundled library is loaded first, without NetVips, and code that names
/// NetVips types runs only after <see cref="EnsureInitialized"/>, in methods of its own.</para>
/// </summary>
internal static class LibvipsRuntime
{
    /// <summary>
    /// The oldest libvips accepted: the bundled one. An older one here means the process picked up another
    /// libvips (a system package), without the behaviour the engine relies on (Highway instead of Orc,
    /// savers that keep no metadata): better no image jobs on this node than wrong ones.
    /// </summary>
    public static readonly Version Required = new(8, 18);

    /// <summary>The bundled library's file name (the soname NetVips asks for on Linux).</summary>
    public const string LibraryFile = "libvips.so.42";

    /// <summary>The loaders that stay allowed: the inputs this engine supports.</summary>
    internal static readonly string[] AllowedLoaders = ["VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer"];

    private static readonly Lock Gate = new();
    private static ImagingUnavailableException? _failure;
    private static bool _ready;

    /// <summary>The libvips version, once initialised.</summary>
    public static Version? LibraryVersion { get; private set; }

    /// <summary>
    /// Applies the settings once (the first call's <paramref name="threads"/> wins: libvips is global);
    /// <see cref="ImagingUnavailableException"/> when libvips cannot be used here.
    /// </summary>
    public static void EnsureInitialized(int threads = 1)
    {
        if (Volatile.Read(ref _ready))
        {
            return;
        }
        lock (Gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
            if (_ready)
            {
                return;
            }
            try
            {
                LoadBundledLibrary();
                Initialize(threads);
                Volatile.Write(ref _ready, true);
            }
            catch (Exception exception) when (exception is ImagingUnavailableException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
            {
                _failure = exception as ImagingUnavailableException
                    ?? new ImagingUnavailableException($"libvips could not be loaded ({exception.Message}); it comes with the NetVips.Native.linux-x64 package, so this platform or install lacks it.", exception);
                throw _failure;
            }
        }
    }

    /// <summary>
    /// Loads libvips from the directories the .NET host searches for this program's own native libraries
    /// (those its packages bring), never from the system's; once it is loaded, NetVips' request for the same
    /// soname gets this one.
    /// </summary>
    private static void LoadBundledLibrary()
    {
        var directories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bundled = directories.Select(directory => Path.Combine(directory, LibraryFile)).FirstOrDefault(File.Exists)
            ?? throw new ImagingUnavailableException($"libvips is not bundled with this program ({LibraryFile} is not among its native libraries; the NetVips.Native.linux-x64 package brings it for linux-x64 only), and a system libvips is never used.");
        if (!NativeLibrary.TryLoad(bundled, out _))
        {
            throw new ImagingUnavailableException($"The bundled libvips ({bundled}) could not be loaded on this machine (another architecture, or a glibc or libstdc++ too old).");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // names NetVips types: must not run before the bundled library is in
    private static void Initialize(int threads)
    {
        // NetVips starts libvips from its module initializer and keeps what went wrong instead of throwing.
        if (!ModuleInitializer.VipsInitialized)
        {
            var reason = ModuleInitializer.Exception?.Message.Trim() ?? "no reason given";
            throw new ImagingUnavailableException($"libvips could not be loaded ({reason}); it comes with the NetVips.Native.linux-x64 package, so this platform or install lacks it.", ModuleInitializer.Exception!);
        }
        var version = new Version(NetVips.NetVips.Version(0), NetVips.NetVips.Version(1), NetVips.NetVips.Version(2));
        if (version < Required)
        {
            throw new ImagingUnavailableException($"libvips {version} was loaded, not the {Required} or newer that NetVips.Native.linux-x64 bundles; another libvips on the library path took its place.");
        }
        LibraryVersion = version;
        LibvipsLogBridge.Install();
        NetVips.NetVips.Concurrency = Math.Max(1, threads);
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }
    }
}
