using System.Runtime.InteropServices;

namespace ActorQueue.Inference.Interop;

/// <summary>
/// The process's one ONNX Runtime: the library, its API table, the <c>OrtEnv</c> (log level ERROR, so ONNX
/// Runtime stays quiet on stderr) and the default CPU allocator. Loaded on first use and kept for the
/// life of the process; the first successful load wins, later configured paths are ignored.
/// </summary>
internal static unsafe class OrtRuntime
{
    private const int LogSeverityError = 3;

    private static readonly Lock Gate = new();
    private static OrtApi? _api;
    private static OrtEnvHandle? _env;
    private static nint _allocator;

    /// <summary>The API table; only valid after <see cref="EnsureLoaded"/> succeeded.</summary>
    public static OrtApi Api => Volatile.Read(ref _api) ?? throw new InvalidOperationException("ONNX Runtime is not loaded yet.");

    /// <summary>The shared environment every session is created in.</summary>
    public static OrtEnvHandle Env => _env ?? throw new InvalidOperationException("ONNX Runtime is not loaded yet.");

    /// <summary>The default CPU allocator (<c>OrtAllocator*</c>); never freed.</summary>
    public static nint DefaultAllocator => _allocator;

    /// <summary>Where the library was loaded from.</summary>
    public static string? Source { get; private set; }

    /// <summary>Loads the library and creates the environment once; throws <see cref="OnnxRuntimeNotFoundException"/> with one sentence.</summary>
    public static OrtApi EnsureLoaded(string? configuredPath)
    {
        if (Volatile.Read(ref _api) is { } loaded)
        {
            return loaded;
        }
        lock (Gate)
        {
            if (_api is not null)
            {
                return _api;
            }
            var (library, source) = OrtLibraryLocator.Load(configuredPath);
            var api = ReadApi(library, source);
            // The handles below release themselves through OrtRuntime.Api, so publish it first.
            Volatile.Write(ref _api, api);
            _env = CreateEnv(api);
            nint allocator;
            api.Check(api.GetAllocatorWithDefaultOptions(&allocator));
            _allocator = allocator;
            Source = source;
            return api;
        }
    }

    private static OrtApi ReadApi(nint library, string source)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var export))
        {
            throw new OnnxRuntimeNotFoundException($"{source} does not export OrtGetApiBase, so it is not an ONNX Runtime library.");
        }
        // const OrtApiBase* OrtGetApiBase(void); struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = (nint*)((delegate* unmanaged[Cdecl]<nint>)export)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
        var table = getApi(OrtApi.Version);
        if (table == 0)
        {
            throw new OnnxRuntimeNotFoundException(
                $"{source} is ONNX Runtime {version}, which lacks API version {OrtApi.Version}; install {OrtLibraryLocator.PinnedVersion} with scripts/lib.sh need_onnxruntime.");
        }
        return new OrtApi(table, version);
    }

    private static OrtEnvHandle CreateEnv(OrtApi api)
    {
        nint env;
        fixed (byte* logId = "actorqueue"u8)
        {
            api.Check(api.CreateEnv(LogSeverityError, logId, &env));
        }
        return new OrtEnvHandle(env);
    }
}
