using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;

namespace ActorQueue.Tests.Imaging;

/// <summary>What a thumbnail request may ask for; the seed and the job refuse the same things with the same sentence.</summary>
[Trait("Category", "Unit")]
public sealed class ThumbnailSpecTests
{
    private static readonly ImageOptions Options = new() { MaxSizes = 4, MaxDimension = 2000, DefaultQuality = 77 };

    [Fact]
    public void Defaults_are_no_crop_the_input_format_and_the_configured_quality()
    {
        var spec = ThumbnailSpec.Parse("128, 512,128", null, null, null, Options);

        Assert.Equal([128, 512], spec.Sizes);
        Assert.Null(spec.Format);
        Assert.Equal(ThumbnailCrop.None, spec.Crop);
        Assert.Equal(77, spec.Quality);
    }

    [Fact]
    public void Format_crop_and_quality_are_read_in_their_usual_spellings()
    {
        var spec = ThumbnailSpec.Parse("64", "JPG", "center", "90", Options);

        Assert.Equal((ImageFormat.Jpeg, ThumbnailCrop.Centre, 90), (spec.Format, spec.Crop, spec.Quality));
    }

    [Theory]
    [InlineData(null, null, null, null, "sizes is required")]
    [InlineData("12x", null, null, null, "'12x' is not one")]
    [InlineData("0", null, null, null, "0 is not")]
    [InlineData("2001", null, null, null, "from 1 to 2000 pixels (Images:MaxDimension)")]
    [InlineData("1,2,3,4,5", null, null, null, "At most 4 sizes")]
    [InlineData("10", "gif", null, null, "format must be jpeg, png or webp, not 'gif'")]
    [InlineData("10", null, "smart", null, "crop must be none, centre or attention")]
    [InlineData("10", null, null, "101", "quality must be from 1 to 100")]
    [InlineData("10", null, null, "high", "quality must be a whole number")]
    public void Bad_requests_are_refused_with_what_to_fix(string? sizes, string? format, string? crop, string? quality, string expected)
    {
        var refused = Assert.Throws<ImageInputException>(() => ThumbnailSpec.Parse(sizes, format, crop, quality, Options));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_named_in_one_sentence()
    {
        Assert.Null(new ImageOptions().Problem());
        Assert.Equal("Images:MaxPixels must be at least 1, not 0.", new ImageOptions { MaxPixels = 0 }.Problem());
        Assert.StartsWith("Images:MaxBytes must be from 1 to", new ImageOptions { MaxBytes = long.MaxValue }.Problem(), StringComparison.Ordinal);
    }
}
