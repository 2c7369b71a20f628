using ActorQueue.Imaging.Interop;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Imaging.Vips;

namespace ActorQueue.Tests.Imaging;

/// <summary>The libvips binding: errors become exceptions that say what failed, and libvips runs as configured.</summary>
[Trait("Category", "Integration")]
public sealed class VipsBindingTests
{
    [Fact]
    public void An_unknown_operation_is_a_set_up_failure_naming_it()
    {
        var failure = Assert.Throws<VipsException>(() => VipsOperation.Create("no_such_operation"));

        Assert.True(failure.Setup);
        Assert.Contains("no_such_operation", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_argument_is_an_exception_not_a_glib_warning()
    {
        using var operation = VipsOperation.Create("thumbnail_buffer");

        var failure = Assert.Throws<VipsException>(() => operation.Set("widht", 100));

        Assert.True(failure.Setup);
        Assert.Contains("no property named `widht'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_of_another_type_is_refused_before_glib_sees_it()
    {
        using var operation = VipsOperation.Create("thumbnail_buffer");

        Assert.Throws<VipsException>(() => operation.Set("width", 1.5));
        Assert.Throws<VipsException>(() => operation.Set("crop", "sideways"));
    }

    [Fact]
    public void Running_on_bad_input_fails_with_libvips_own_words_and_leaves_no_error_behind()
    {
        using var operation = VipsOperation.Create("thumbnail_buffer");
        operation.SetBuffer("buffer", "not an image"u8).Set("width", 10);

        var failure = Assert.Throws<VipsException>(() => operation.Build());

        Assert.False(failure.Setup);
        Assert.Contains("not in a known format", failure.Detail, StringComparison.Ordinal);
        Assert.Equal("", VipsErrors.Take());
    }

    [Fact]
    public void Loaders_other_than_jpeg_png_and_webp_are_blocked_even_when_called_directly()
    {
        using var operation = VipsOperation.Create("thumbnail_buffer");
        operation.SetBuffer("buffer", TestImages.Gif(20, 20)).Set("width", 10);

        var failure = Assert.Throws<VipsException>(() => operation.Build());

        Assert.Contains("blocked", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_plugin_module_is_loaded_into_the_process()
    {
        VipsRuntime.EnsureInitialized();

        var maps = File.ReadAllText("/proc/self/maps");

        Assert.DoesNotContain("vips-modules", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libsqlite3.so", maps, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_on_many_threads_at_once_each_get_an_exception_and_successes_are_unharmed()
    {
        var good = TestImages.Gradient(300, 200);
        var results = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            try
            {
                using var operation = VipsOperation.Create("thumbnail_buffer");
                operation.SetBuffer("buffer", i % 2 == 0 ? good : "garbage"u8.ToArray()).Set("width", 50).Build();
                using var image = operation.GetImage("out");
                return image.Width == 50 ? "ok" : "wrong size";
            }
            catch (VipsException exception)
            {
                return exception.Setup ? "set-up failure" : "failed";
            }
        }).ToList();

        Assert.Equal(8, results.Count(r => r == "ok"));
        Assert.Equal(8, results.Count(r => r == "failed"));
        Assert.Equal("", VipsErrors.Take());
    }

    [Fact]
    public void A_killed_image_stops_its_evaluation_with_an_error()
    {
        using var thumbnail = VipsOperation.Create("thumbnail_buffer");
        thumbnail.SetBuffer("buffer", TestImages.Gradient(1600, 1200)).Set("width", 800).Build();
        using var image = thumbnail.GetImage("out");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        using (image.KillOn(cancelled.Token))
        {
            Assert.Throws<VipsException>(() => image.CopyMemory());
        }
        VipsErrors.Take();
    }

    [Fact]
    public void Pixels_written_in_come_back_out_unchanged()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

        using var image = VipsImage.FromPixels(pixels, 2, 2, 3);

        Assert.Equal((2, 2, 3, false), (image.Width, image.Height, image.Bands, image.HasAlpha));
        Assert.Equal(pixels, image.ToPixels());
    }

    [Fact]
    public void Webp_metadata_chunks_are_removed_and_the_container_stays_valid()
    {
        using var image = TestImages.GradientImage(64, 48);
        image.SetInt("orientation", 6);
        var webp = TestImages.Encode(image, ImageFormat.Webp);
        Assert.Contains("exif-data", DecodedImage.From(webp).Fields);

        var stripped = WebpMetadata.Strip(webp);

        var decoded = DecodedImage.From(stripped);
        Assert.DoesNotContain("exif-data", decoded.Fields);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
        Assert.Equal(stripped.Length - 8, BitConverter.ToInt32(stripped, 4));
    }
}
