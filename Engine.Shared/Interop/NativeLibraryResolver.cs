using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorQueue.Interop;

/// <summary>
/// The one <see cref="NativeLibrary.SetDllImportResolver"/> of this assembly (the runtime allows only one
/// per assembly): a dispatch from a <c>[LibraryImport]</c> name to the file names that may provide it.
/// Each native binding registers its own names (see <c>Imaging/Interop/Libraries.cs</c>) before its first
/// call; a library is loaded once and the handle reused. Names nobody registered fall through to the
/// runtime's default probing.
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly ConcurrentDictionary<string, string[]> Candidates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, nint> Loaded = new(StringComparer.Ordinal);
    private static int _installed;

    /// <summary>
    /// Maps <paramref name="libraryName"/> (the name in <c>[LibraryImport]</c>) to the files to try, in order
    /// (e.g. versioned Linux names first), and installs the resolver on first use.
    /// </summary>
    public static void Register(string libraryName, params string[] fileNames)
    {
        Candidates[libraryName] = fileNames;
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>True when <paramref name="libraryName"/> can be loaded (loading it if needed).</summary>
    public static bool TryLoad(string libraryName, out nint handle)
    {
        handle = Resolve(libraryName, typeof(NativeLibraryResolver).Assembly, null);
        return handle != 0;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (Loaded.TryGetValue(libraryName, out var cached))
        {
            return cached;
        }
        if (!Candidates.TryGetValue(libraryName, out var files))
        {
            return 0; // not ours: the runtime probes as usual
        }
        foreach (var file in files)
        {
            if (NativeLibrary.TryLoad(file, assembly, searchPath, out var handle))
            {
                return Loaded.GetOrAdd(libraryName, handle);
            }
        }
        return 0;
    }
}
