using ActorQueue.Imaging.Interop;
using ActorQueue.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>
/// libvips, initialised once per process with server settings:
/// <list type="bullet">
/// <item>One worker thread per operation (<c>vips_concurrency_set(1)</c>): the engine already runs about one
/// image actor per core, so each job keeps one core busy from decode to encode and the cores are not
/// oversubscribed (libvips' default of one thread per core in every operation would put cores × cores
/// threads on the cores under load). Measured in <c>bench/RESULTS.md</c>.</item>
/// <item>The operation cache off (<c>vips_cache_set_max(0)</c>, as imgproxy does): every job brings a new
/// input buffer, so cached operations would never be hit again and would only hold their images' memory.</item>
/// <item>No plugin modules (ImageMagick, PDF, HEIF, JPEG XL, OpenSlide): <c>VIPSHOME</c> points libvips at a
/// directory without them (unless set already). Their loaders would be blocked anyway, and the OpenSlide
/// module loads the system libsqlite3 with global symbols, which then interpose on the SQLite bundled with
/// Microsoft.Data.Sqlite: the embedded store crashed in <c>sqlite3_reset</c> before this.</item>
/// <item>Only the JPEG, PNG and WebP buffer loaders are allowed (<c>vips_operation_block_set</c>); SVG, PDF,
/// TIFF, HEIF, GIF and ImageMagick loaders are blocked, whatever the bytes claim to be.</item>
/// </list>
/// The first call decides the settings; later calls with other settings are ignored (libvips is global).
/// </summary>
internal static class VipsRuntime
{
    /// <summary>The loaders that stay allowed: the inputs this engine supports.</summary>
    internal static readonly string[] AllowedLoaders = ["VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer", "VipsForeignLoadWebpBuffer"];

    private static readonly Lock Gate = new();
    private static Exception? _failure;
    private static bool _ready;

    /// <summary>The libvips version, e.g. 8.14.1, once initialised.</summary>
    public static Version? LibraryVersion { get; private set; }

    /// <summary>Initialises libvips once; throws <see cref="ImagingUnavailableException"/> when it cannot be loaded.</summary>
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
                Initialize(threads);
                Volatile.Write(ref _ready, true);
            }
            catch (Exception exception) when (exception is ImagingUnavailableException or DllNotFoundException or EntryPointNotFoundException)
            {
                _failure = exception as ImagingUnavailableException
                    ?? new ImagingUnavailableException($"libvips could not be loaded ({exception.Message}); install libvips 8.13 or newer (Debian: apt-get install libvips42).", exception);
                throw _failure;
            }
        }
    }

    /// <summary>
    /// libvips loads modules from <c>$VIPSHOME/lib/vips-modules-X.Y</c> when <c>VIPSHOME</c> is set, otherwise
    /// from its install directory: a <c>VIPSHOME</c> without modules means none are loaded. Set through GLib,
    /// because .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change the
    /// environment native code reads.
    /// </summary>
    private static unsafe void KeepPluginModulesOut()
    {
        if (GLibApi.GetEnv("VIPSHOME") is null)
        {
            GLibApi.SetEnv("VIPSHOME", Path.Combine(AppContext.BaseDirectory, "no-vips-modules"), 0);
        }
    }

    private static void Initialize(int threads)
    {
        Libraries.Register();
        if (!NativeLibraryResolver.TryLoad(Libraries.Vips, out _) || !NativeLibraryResolver.TryLoad(Libraries.GObject, out _))
        {
            throw new ImagingUnavailableException("libvips is not installed on this machine (libvips.so.42 was not found); install libvips 8.13 or newer (Debian: apt-get install libvips42).");
        }
        KeepPluginModulesOut();
        if (VipsApi.Init("actorqueue") != 0)
        {
            throw new ImagingUnavailableException($"libvips failed to start: {VipsErrors.Take()}");
        }
        LibraryVersion = new Version(VipsApi.Version(0), VipsApi.Version(1), VipsApi.Version(2));
        if (LibraryVersion < new Version(8, 13))
        {
            throw new ImagingUnavailableException($"libvips {LibraryVersion} is too old; ActorQueue needs 8.13 or newer.");
        }
        VipsLogBridge.Install();
        VipsApi.ConcurrencySet(Math.Max(1, threads));
        VipsApi.CacheSetMax(0);
        VipsApi.CacheSetMaxMem(0);
        VipsApi.CacheSetMaxFiles(0);
        VipsApi.OperationBlockSet("VipsForeignLoad", 1);
        foreach (var loader in AllowedLoaders)
        {
            VipsApi.OperationBlockSet(loader, 0);
        }
    }
}
