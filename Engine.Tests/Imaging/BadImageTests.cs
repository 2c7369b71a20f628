using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;

namespace ActorQueue.Tests.Imaging;

/// <summary>Input that can never make thumbnails is refused with a sentence that says why, before or while decoding.</summary>
[Trait("Category", "Integration")]
public sealed class BadImageTests
{
    private static readonly ImageOptions Options = new();

    private static ImageInputException Refused(byte[] input, ImageOptions? options = null) =>
        Assert.Throws<ImageInputException>(() => ThumbnailerTests.Thumbnailer(options)
            .Render(input, ThumbnailSpec.Parse("128", null, null, null, options ?? Options), CancellationToken.None));

    [Fact]
    public void Text_is_not_an_image()
    {
        var refused = Refused("hello, this is not a picture"u8.ToArray());

        Assert.StartsWith("The data is not an image", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Contains("empty", Refused([]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gif_is_an_unsupported_format()
    {
        Assert.StartsWith("Unsupported image format: GIF", Refused(TestImages.Gif(40, 30)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bmp_is_an_unsupported_format()
    {
        Assert.StartsWith("Unsupported image format: BMP", Refused(TestImages.Bmp()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_svg_is_refused_before_any_renderer_sees_it()
    {
        Assert.StartsWith("Unsupported image format: SVG", Refused(TestImages.Svg()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_cut_off_in_its_header_is_refused_as_unreadable()
    {
        var refused = Refused(TestImages.Truncated(TestImages.Gradient(800, 600), 0.01));

        Assert.StartsWith("The JPEG header cannot be read", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_cut_off_in_its_pixels_fails_instead_of_rendering_grey()
    {
        var refused = Refused(TestImages.Truncated(TestImages.Gradient(1600, 1200), 0.5));

        Assert.StartsWith("The JPEG image cannot be decoded", refused.Message, StringComparison.Ordinal);
        Assert.Contains("premature end", refused.Message, StringComparison.OrdinalIgnoreCase); // 8.14 passed on libjpeg's "Premature end of JPEG file"; 8.18 says "premature end of JPEG image"
    }

    [Fact]
    public void A_png_with_corrupt_pixel_data_fails_to_decode()
    {
        var refused = Refused(TestImages.PngWithCorruptData(400, 300));

        Assert.StartsWith("The PNG image cannot be decoded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_png_whose_header_claims_400_megapixels_is_refused_before_decoding()
    {
        var bomb = TestImages.PngClaiming(20_000, 20_000);
        Assert.True(bomb.Length < 1000, $"{bomb.Length} bytes");

        var refused = Refused(bomb);

        Assert.StartsWith("The image is 20000×20000 = 400 MP, over the limit of 50 MP", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_whose_frame_header_claims_a_huge_size_is_refused_before_decoding()
    {
        var refused = Refused(TestImages.JpegClaiming(60_000, 60_000));

        Assert.Contains("60000×60000", refused.Message, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_one_colour_png_of_51_megapixels_is_a_decompression_bomb()
    {
        var bomb = TestImages.SolidPng(7200, 7100);
        Assert.True(bomb.Length < 1_000_000, $"{bomb.Length} bytes for 51 MP");

        Assert.Contains("51.1 MP, over the limit of 50 MP", Refused(bomb).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        var input = TestImages.Gradient(1000, 1000);

        var refused = Refused(input, new ImageOptions { MaxPixels = 999_999 });

        Assert.Contains("1000×1000 = 1 MP, over the limit of 1 MP", refused.Message, StringComparison.Ordinal);
        Assert.Single(ThumbnailerTests.Thumbnailer(new ImageOptions { MaxPixels = 1_000_000 })
            .Render(input, ThumbnailSpec.Parse("10", null, null, null, Options), CancellationToken.None).Outputs);
    }
}
