using System.Net;
using ActorQueue.Imaging.Libvips;
using ActorQueue.Tests.Fixtures;
using ActorQueue.Tests.Imaging;

namespace ActorQueue.Tests.Seed;

/// <summary>
/// A program copied without its bundled libvips, on a machine that may have another one (Debian's, with plugin
/// modules that once crashed the SQLite store): the seed loads no libvips at all, serves, and refuses image jobs
/// with the reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SeedWithoutBundledLibvipsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_seed_without_its_bundled_libvips_loads_none_and_refuses_image_jobs_saying_why()
    {
        var program = CopyProgramWithoutLibvips();
        await using var seed = await SeedProcess.StartProgramAsync(Path.Combine(program, "Engine.Seed.dll"), "sqlite:" + _directory.File("aq.db"));

        using var response = await seed.Http.PostImageAsync(TestImages.Gradient(64, 48), "sizes=32");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("libvips is not bundled with this program", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("libvips", await File.ReadAllTextAsync($"/proc/{seed.Id}/maps"), StringComparison.Ordinal);
    }

    /// <summary>The programs next to the tests (the seed's deps.json included) and SQLite's native library, but not libvips.</summary>
    private string CopyProgramWithoutLibvips()
    {
        var program = Directory.CreateDirectory(_directory.File("program")).FullName;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(program, Path.GetFileName(file)));
        }
        var natives = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var copied = Directory.CreateDirectory(Path.Combine(program, "runtimes", "linux-x64", "native")).FullName;
        foreach (var file in Directory.EnumerateFiles(natives).Where(file => Path.GetFileName(file) != LibvipsRuntime.LibraryFile))
        {
            File.Copy(file, Path.Combine(copied, Path.GetFileName(file)));
        }
        Assert.True(File.Exists(Path.Combine(natives, LibvipsRuntime.LibraryFile)), "the tests' own copy has libvips: the copy left it out");
        return program;
    }
}
