using ActorQueue.Inference.Interop;

namespace ActorQueue.Tests.Inference;

/// <summary>Finding libonnxruntime.so.1: a wrong configured path is refused with one sentence that says how to install it.</summary>
[Trait("Category", "Unit")]
public sealed class RuntimeLocatorTests : IDisposable
{
    private readonly ModelFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ConfiguredPathThatDoesNotExist_NamesItAndTheInstallScript()
    {
        var path = _files.PathOf("libonnxruntime.so.1");

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibraryLocator.Load(path));

        Assert.Equal(
            $"Inference:RuntimePath is {path}, which does not exist; point it at libonnxruntime.so.1 1.23.2 or unset it to use the copy that scripts/lib.sh need_onnxruntime installs.",
            error.Message);
    }

    [Fact]
    public void ConfiguredPathThatIsNotALibrary_SaysToReinstall()
    {
        var path = _files.WriteText("libonnxruntime.so.1", "not an ELF file");

        var error = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtLibraryLocator.Load(path));

        Assert.StartsWith($"ONNX Runtime at {path} could not be loaded (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); reinstall it with scripts/lib.sh need_onnxruntime.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCacheIsWhereTheInstallScriptPutsThePinnedVersion()
    {
        Assert.EndsWith("/actorqueue/onnxruntime/1.23.2/libonnxruntime.so.1", OrtLibraryLocator.CachePath, StringComparison.Ordinal);
        Assert.True(File.Exists(OrtLibraryLocator.CachePath), "scripts/test.sh installs the runtime before the tests run");
    }
}
