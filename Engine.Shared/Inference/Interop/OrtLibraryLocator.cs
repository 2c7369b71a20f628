using System.Runtime.InteropServices;

namespace ActorQueue.Inference.Interop;

/// <summary>
/// Finds and loads <c>libonnxruntime.so.1</c>: the configured <c>Inference:RuntimePath</c> when set (and
/// nothing else then), otherwise the cache that <c>scripts/lib.sh need_onnxruntime</c> fills, otherwise the
/// system's default library search. No DllImport resolver is registered: the library's only export,
/// <c>OrtGetApiBase</c>, is looked up with <see cref="NativeLibrary.GetExport"/>, so the assembly's single
/// resolver slot stays free for libvips.
/// </summary>
internal static class OrtLibraryLocator
{
    public const string PinnedVersion = "1.23.2";
    public const string LibraryName = "libonnxruntime.so.1";

    /// <summary>Where <c>need_onnxruntime</c> puts the library: <c>${XDG_CACHE_HOME:-$HOME/.cache}/actorqueue/onnxruntime/VERSION/</c>.</summary>
    public static string CachePath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache))
            {
                cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            }
            return Path.Combine(cache, "actorqueue", "onnxruntime", PinnedVersion, LibraryName);
        }
    }

    /// <summary>Loads the library; returns its handle and the path (or name) it came from.</summary>
    public static (nint Handle, string Source) Load(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            if (!File.Exists(configuredPath))
            {
                throw new OnnxRuntimeNotFoundException(
                    $"Inference:RuntimePath is {configuredPath}, which does not exist; point it at libonnxruntime.so.1 {PinnedVersion} or unset it to use the copy that scripts/lib.sh need_onnxruntime installs.");
            }
            return (LoadOrExplain(configuredPath), configuredPath);
        }

        var cached = CachePath;
        if (File.Exists(cached))
        {
            return (LoadOrExplain(cached), cached);
        }

        if (NativeLibrary.TryLoad(LibraryName, out var handle))
        {
            return (handle, LibraryName);
        }

        throw new OnnxRuntimeNotFoundException(
            $"ONNX Runtime {PinnedVersion} ({LibraryName}) is neither in {cached} nor on the library path: run scripts/lib.sh need_onnxruntime (./scripts/start.sh and ./scripts/test.sh run it) or set Inference:RuntimePath.");
    }

    private static nint LoadOrExplain(string path)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException exception)
        {
            throw new OnnxRuntimeNotFoundException(
                $"ONNX Runtime at {path} could not be loaded ({exception.Message.Trim()}); reinstall it with scripts/lib.sh need_onnxruntime.", exception);
        }
    }
}

/// <summary>The ONNX Runtime library is missing, unloadable or too old; the message says how to install it.</summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException(string message) : base(message) { }

    public OnnxRuntimeNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    public OnnxRuntimeNotFoundException() : base("ONNX Runtime could not be loaded.") { }
}
