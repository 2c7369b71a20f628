using System.Buffers.Binary;
using ActorQueue.Imaging.Libvips;
using ActorQueue.Imaging.Thumbnails;
using NetVips;

namespace ActorQueue.Tests.Imaging;

/// <summary>
/// libvips as NetVips loads it and the engine sets it up: the bundled build, server settings, only the three
/// supported loaders, and errors that say what failed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LibvipsRuntimeTests
{
    public LibvipsRuntimeTests() => LibvipsRuntime.EnsureInitialized();

    [Fact]
    public void The_bundled_libvips_8_18_is_loaded_not_a_system_one()
    {
        // Asked of the loaded library itself, not of the number NetVips noted at start-up.
        Assert.Equal((8, 18), (NetVips.NetVips.Version(0, fromModule: false), NetVips.NetVips.Version(1, fromModule: false)));
        Assert.Equal(NetVips.NetVips.Version(2, fromModule: false), LibvipsRuntime.LibraryVersion?.Build);

        var mapped = File.ReadAllLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[^1].Contains("libvips", StringComparison.Ordinal))
            .Select(fields => fields[^1]).Distinct().ToList();
        var library = Assert.Single(mapped);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libvips.so.42"), library);
    }

    [Fact]
    public void No_plugin_module_and_no_system_sqlite_is_loaded_into_the_process()
    {
        var maps = File.ReadAllText("/proc/self/maps");

        Assert.DoesNotContain("vips-modules", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libsqlite3.so", maps, StringComparison.Ordinal);
    }

    [Fact]
    public void Libvips_runs_with_the_server_settings()
    {
        Assert.Equal(1, NetVips.NetVips.Concurrency);
        Assert.Equal(0, Cache.Max);
        Assert.Equal(0ul, Cache.MaxMem);
        Assert.Equal(0, Cache.MaxFiles);
    }

    public static TheoryData<string, string> OtherFormats => new()
    {
        { "gif", "gifload_buffer" },
        { "tiff", "tiffload_buffer" },
        { "svg", "svgload_buffer" },
    };

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public void Loaders_other_than_jpeg_png_and_webp_are_blocked_even_when_called_directly(string format, string loader)
    {
        var body = format switch
        {
            "gif" => TestImages.Gif(20, 20),
            "tiff" => TestImages.Tiff(20, 20),
            _ => TestImages.Svg(),
        };

        var direct = Assert.Throws<VipsException>(() => Operation.Call(loader, body));
        var guessed = Assert.Throws<VipsException>(() => Image.ThumbnailBuffer(body, 10));

        Assert.Contains("operation is blocked", direct.Detail(), StringComparison.Ordinal);
        Assert.Contains("not in a known format", guessed.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_supported_loaders_still_run()
    {
        foreach (var format in new[] { ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Webp })
        {
            using var image = Image.ThumbnailBuffer(TestImages.Gradient(40, 30, format), 20);
            Assert.Equal((20, 15), (image.Width, image.Height));
        }
    }

    [Fact]
    public void An_unknown_operation_is_a_set_up_failure_naming_it()
    {
        var failure = Assert.Throws<VipsException>(() => Operation.Call("no_such_operation"));

        Assert.True(failure.IsSetup());
        Assert.Contains("no_such_operation", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_on_bad_input_fails_with_libvips_own_words_and_is_not_a_set_up_failure()
    {
        var failure = Assert.Throws<VipsException>(() => Image.ThumbnailBuffer("not an image"u8.ToArray(), 10));

        Assert.False(failure.IsSetup());
        Assert.Contains("not in a known format", failure.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_on_many_threads_at_once_each_get_an_exception_and_successes_are_unharmed()
    {
        var good = TestImages.Gradient(300, 200);
        var results = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            try
            {
                using var image = Image.ThumbnailBuffer(i % 2 == 0 ? good : "garbage"u8.ToArray(), 50);
                return image.Width == 50 ? "ok" : "wrong size";
            }
            catch (VipsException exception)
            {
                return exception.IsSetup() ? "set-up failure" : "failed";
            }
        }).ToList();

        Assert.Equal(8, results.Count(r => r == "ok"));
        Assert.Equal(8, results.Count(r => r == "failed"));
    }

    [Fact]
    public void A_killed_image_stops_its_evaluation_with_an_error()
    {
        using var image = Image.ThumbnailBuffer(TestImages.Gradient(1600, 1200), 800);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        using (image.KillOn(cancelled.Token))
        {
            Assert.Throws<VipsException>(() => image.CopyMemory());
        }
    }

    [Fact]
    public void Pixels_written_in_come_back_out_unchanged()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

        using var image = TestImages.Pixels(pixels, 2, 2, 3);

        Assert.Equal((2, 2, 3, false), (image.Width, image.Height, image.Bands, image.HasAlpha()));
        Assert.Equal(pixels, image.WriteToMemory<byte>());
    }

    [Fact]
    public void The_webp_saver_writes_no_metadata_chunk()
    {
        // libvips 8.14 wrote an EXIF chunk even when told to strip; the engine had to cut it out itself.
        using var image = TestImages.GradientImage(64, 48);
        using var oriented = TestImages.WithOrientation(image, 6);
        Assert.Contains("exif-data", DecodedImage.From(TestImages.Encode(oriented, ImageFormat.Webp)).Fields);

        var webp = VipsCodecs.Save(oriented, ImageFormat.Webp, 80);

        Assert.DoesNotContain(RiffChunks(webp), chunk => chunk is "EXIF" or "XMP " or "ICCP");
        Assert.DoesNotContain("exif-data", DecodedImage.From(webp).Fields);
    }

    private static List<string> RiffChunks(byte[] webp)
    {
        var chunks = new List<string>();
        for (var position = 12; position + 8 <= webp.Length;)
        {
            chunks.Add(System.Text.Encoding.ASCII.GetString(webp, position, 4));
            var size = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(position + 4));
            position += 8 + size + (size & 1);
        }
        return chunks;
    }
}
