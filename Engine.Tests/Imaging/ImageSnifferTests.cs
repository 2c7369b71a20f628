using ActorQueue.Imaging.Thumbnails;

namespace ActorQueue.Tests.Imaging;

/// <summary>The format comes from the first bytes, never from a name or a content type.</summary>
[Trait("Category", "Unit")]
public sealed class ImageSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56 }, "webp")]
    public void Supported_formats_are_recognised(byte[] start, string expected) =>
        Assert.Equal(expected, ImageSniffer.Sniff(start).Name());

    [Theory]
    [InlineData("GIF89a....", "GIF")]
    [InlineData("%PDF-1.7", "PDF")]
    [InlineData("\0\0\0\u0018ftypheic", "HEIC")]
    [InlineData("\0\0\0\u001cftypavif", "AVIF")]
    [InlineData("  <svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG")]
    [InlineData("RIFF\u0001\u0002\u0003\u0004WAVEfmt ", null)]
    public void Other_formats_are_named_in_the_refusal(string start, string? name)
    {
        var refused = Assert.Throws<ImageInputException>(() => ImageSniffer.Sniff(System.Text.Encoding.Latin1.GetBytes(start)));

        Assert.StartsWith(name is null ? "The data is not an image" : $"Unsupported image format: {name}", refused.Message, StringComparison.Ordinal);
    }
}
