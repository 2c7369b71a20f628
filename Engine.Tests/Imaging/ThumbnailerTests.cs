using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Tests.Imaging;

/// <summary>What the thumbnail pipeline makes of real images, checked by decoding its outputs.</summary>
[Trait("Category", "Integration")]
public sealed class ThumbnailerTests
{
    private static readonly ImageOptions Options = new();

    internal static VipsThumbnailer Thumbnailer(ImageOptions? options = null, ThumbnailStrategy strategy = ThumbnailStrategy.DeriveFromLargest)
    {
        options ??= Options;
        return new VipsThumbnailer(new ImageInspector(options), new ImagingRuntime(options, NullLogger<ImagingRuntime>.Instance)) { Strategy = strategy };
    }

    private static ThumbnailSet Render(byte[] input, string sizes, string? format = null, string? crop = null, string? quality = null, ImageOptions? options = null) =>
        Thumbnailer(options).Render(input, ThumbnailSpec.Parse(sizes, format, crop, quality, options ?? Options), CancellationToken.None);

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    public void Every_size_is_made_with_the_aspect_ratio_kept_in_the_format_asked_for(string format)
    {
        var input = TestImages.Gradient(1200, 800, ImageFormat.Jpeg);

        var set = Render(input, "64,300,600", format);

        Assert.Equal([64, 300, 600], set.Outputs.Select(o => o.Size));
        Assert.Equal((ImageFormat.Jpeg, 1200, 800), (set.Input.Format, set.Input.Width, set.Input.Height));
        foreach (var output in set.Outputs)
        {
            var decoded = DecodedImage.From(output.Bytes);
            Assert.True(ImageFormats.TryParse(format, out var expected));
            Assert.Equal(expected, decoded.Format);
            Assert.Equal(output.Size, decoded.Width);
            Assert.Equal(output.Size * 2 / 3, decoded.Height, tolerance: 1);
            Assert.Equal((output.Width, output.Height), (decoded.Width, decoded.Height));
        }
    }

    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    public void Png_and_webp_inputs_are_read_and_by_default_keep_their_format(string name)
    {
        Assert.True(ImageFormats.TryParse(name, out var format));
        var input = TestImages.Gradient(400, 300, format);

        var output = Assert.Single(Render(input, "100").Outputs);

        var decoded = DecodedImage.From(output.Bytes);
        Assert.Equal((format, 100, 75), (decoded.Format, decoded.Width, decoded.Height));
    }

    [Fact]
    public void An_image_smaller_than_a_size_is_not_enlarged()
    {
        var input = TestImages.Gradient(300, 200);

        var outputs = Render(input, "100,1000").Outputs;

        Assert.Equal((100, 67), (outputs[0].Width, outputs[0].Height));
        Assert.Equal((300, 200), (outputs[1].Width, outputs[1].Height));
    }

    [Theory]
    [InlineData("centre")]
    [InlineData("attention")]
    public void Cropping_fills_a_square_of_each_size(string crop)
    {
        var input = TestImages.Gradient(900, 600);

        var outputs = Render(input, "50,200", crop: crop).Outputs;

        Assert.Equal([(50, 50), (200, 200)], outputs.Select(o => (o.Width, o.Height)));
        Assert.All(outputs, o => Assert.Equal((o.Width, o.Height), (DecodedImage.From(o.Bytes).Width, DecodedImage.From(o.Bytes).Height)));
    }

    [Fact]
    public void The_attention_crop_keeps_the_busy_part_that_the_centre_crop_cuts_through()
    {
        var input = TestImages.FlatLeftBusyRight(1000, 400);

        var centre = DecodedImage.From(Render(input, "200", "png", "centre").Outputs[0].Bytes);
        var attention = DecodedImage.From(Render(input, "200", "png", "attention").Outputs[0].Bytes);

        // Scaled to 500×200, the busy quarter is the last 125 columns: outside the centre square, inside
        // any square that finds it.
        Assert.True(centre.GreyFraction() > 0.95, $"the centre crop is {centre.GreyFraction():P0} flat grey");
        Assert.True(attention.GreyFraction() < 0.5, $"the attention crop is {attention.GreyFraction():P0} flat grey");
    }

    [Fact]
    public void The_exif_orientation_is_applied_and_then_removed()
    {
        // Orientation 6: the camera was turned; a viewer rotates the 640×480 picture 90° clockwise.
        var input = TestImages.Gradient(640, 480, orientation: 6);

        var output = DecodedImage.From(Render(input, "120", "png").Outputs[0].Bytes);

        Assert.Equal((120, 160), (output.Width, output.Height));
        // Shown rotated: the top-left corner is the original bottom-left (no red, full green) and the
        // top-right corner the original top-left (no red, no green).
        Assert.InRange(output.Pixel(0, 0)[0], 0, 25);
        Assert.InRange(output.Pixel(0, 0)[1], 230, 255);
        Assert.InRange(output.Pixel(119, 0)[0], 0, 25);
        Assert.InRange(output.Pixel(119, 0)[1], 0, 25);
        Assert.DoesNotContain("orientation", output.Fields);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    public void Outputs_carry_no_metadata(string format)
    {
        var input = TestImages.Gradient(640, 480, orientation: 6);
        Assert.Contains("exif-data", DecodedImage.From(input).Fields);

        var outputs = Render(input, "100,300", format).Outputs;

        Assert.All(outputs, output => Assert.DoesNotContain(DecodedImage.From(output.Bytes).Fields,
            field => field is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation" || field.StartsWith("exif-", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("jpeg", "jpeg")]
    [InlineData("jpeg", "png")]
    [InlineData("jpeg", "webp")]
    [InlineData("png", "jpeg")]
    [InlineData("png", "png")]
    [InlineData("png", "webp")]
    [InlineData("webp", "jpeg")]
    [InlineData("webp", "png")]
    [InlineData("webp", "webp")]
    public void Outputs_carry_no_metadata_whatever_the_input_carried(string from, string to)
    {
        Assert.True(ImageFormats.TryParse(from, out var format));
        var input = TestImages.WithAllMetadata(640, 480, format);
        string[] carried = format == ImageFormat.Jpeg
            ? ["exif-data", "xmp-data", "icc-profile-data", "iptc-data"]
            : ["exif-data", "xmp-data", "icc-profile-data"];
        Assert.All(carried, field => Assert.Contains(field, DecodedImage.From(input).Fields));

        var outputs = Render(input, "100,300", to).Outputs;

        Assert.All(outputs, output => Assert.DoesNotContain(DecodedImage.From(output.Bytes).Fields,
            field => field is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data" or "orientation" || field.StartsWith("exif-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Quality_trades_bytes_for_fidelity()
    {
        var input = TestImages.Gradient(800, 600, ImageFormat.Png);

        var low = Render(input, "400", "jpeg", quality: "20").Outputs[0];
        var high = Render(input, "400", "jpeg", quality: "95").Outputs[0];

        Assert.True(low.Bytes.Length < high.Bytes.Length, $"q20 is {low.Bytes.Length} bytes, q95 {high.Bytes.Length}");
    }

    [Fact]
    public void Transparency_becomes_white_in_a_jpeg_and_stays_in_a_png()
    {
        var input = TestImages.Gradient(200, 100, ImageFormat.Png, alpha: true);

        var jpeg = DecodedImage.From(Render(input, "100", "jpeg").Outputs[0].Bytes);
        var png = DecodedImage.From(Render(input, "100", "png").Outputs[0].Bytes);

        Assert.Equal(3, jpeg.Bands);
        Assert.All(jpeg.Pixel(5, 25), band => Assert.InRange(band, 245, 255));
        Assert.Equal(4, png.Bands);
        Assert.Equal(0, png.Pixel(5, 25)[3]);
        Assert.Equal(255, png.Pixel(95, 25)[3]);
    }

    [Fact]
    public void A_cancelled_render_stops_as_cancelled_not_as_bad_input()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Thumbnailer()
            .Render(TestImages.Gradient(1600, 1200), ThumbnailSpec.Parse("100,800", null, null, null, Options), cancelled.Token));
    }

    [Theory]
    [InlineData("gradient", 2.0)]
    [InlineData("detailed", 3.0)] // fine rings: at 100 px the two paths (DCT scaling, box shrink) alias a little differently
    public void Smaller_sizes_derived_from_the_decoded_largest_match_rendering_each_from_the_source(string picture, double most)
    {
        // Each smaller size is reduced from the one above it (1000 → 400 → 100), not from the source.
        var input = picture == "gradient" ? TestImages.Gradient(2000, 1500) : TestImages.Detailed(2000, 1500);
        var spec = ThumbnailSpec.Parse("100,400,1000", "png", null, null, Options);

        var derived = Thumbnailer(strategy: ThumbnailStrategy.DeriveFromLargest).Render(input, spec, CancellationToken.None);
        var separate = Thumbnailer(strategy: ThumbnailStrategy.OnePerSize).Render(input, spec, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            var a = DecodedImage.From(derived.Outputs[i].Bytes);
            var b = DecodedImage.From(separate.Outputs[i].Bytes);
            Assert.True(a.MeanDifference(b) < most, $"size {spec.Sizes[i]}: mean difference {a.MeanDifference(b):0.00}");
        }
    }

    [Fact]
    public void A_jpeg_decoded_at_a_reduced_scale_matches_one_decoded_in_full()
    {
        // 3000 px → 1000: our shrink-on-load decodes at 1/2, libvips' own thumbnail_buffer decodes in full.
        var input = TestImages.Detailed(3000, 2000);
        var spec = ThumbnailSpec.Parse("1000", "png", null, null, Options);

        var reduced = DecodedImage.From(Thumbnailer(strategy: ThumbnailStrategy.DeriveFromLargest).Render(input, spec, CancellationToken.None).Outputs[0].Bytes);
        var full = DecodedImage.From(Thumbnailer(strategy: ThumbnailStrategy.OnePerSize).Render(input, spec, CancellationToken.None).Outputs[0].Bytes);

        Assert.Equal((1000, 667), (reduced.Width, reduced.Height));
        Assert.True(reduced.MeanDifference(full) < 2.0, $"mean difference {reduced.MeanDifference(full):0.00}");
    }

    [Fact]
    public void A_turned_jpeg_is_decoded_at_a_scale_that_still_covers_the_size_asked_for()
    {
        // Stored 1600×400, shown 400×1600: the width to reach is 300 of the shown 400, so no DCT scaling.
        var input = TestImages.Gradient(1600, 400, orientation: 6);

        var output = Render(input, "300").Outputs[0];

        Assert.Equal((300, 1200), (output.Width, output.Height));
    }

    [Theory]
    [InlineData(3361, 2521, 1, 1024, "none", 2)]
    [InlineData(3361, 2521, 1, 2048, "none", 1)]
    [InlineData(3361, 2521, 1, 128, "none", 8)]
    [InlineData(3361, 2521, 1, 512, "centre", 2)]
    [InlineData(2521, 3361, 6, 1024, "none", 2)]
    [InlineData(1600, 400, 6, 300, "none", 1)]
    [InlineData(800, 600, 1, 1024, "none", 1)]
    public void The_jpeg_scale_leaves_at_least_a_factor_of_one_and_a_half_to_lanczos(int width, int height, int orientation, int size, string crop, int expected)
    {
        ThumbnailCrops.TryParse(crop, out var mode);
        var header = new ImageHeader(ImageFormat.Jpeg, width, height, 1, orientation);

        Assert.Equal(expected, JpegShrinkOnLoad.For(header, size, mode));
    }
}
