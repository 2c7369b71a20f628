namespace ActorQueue.Imaging.Thumbnails;

/// <summary>Makes the thumbnails of one image. Resolved per image actor (scoped), so tests can substitute one.</summary>
internal interface IThumbnailer
{
    /// <summary>
    /// Checks the input (see <see cref="ImageInspector"/>) and renders one output per size, in the order
    /// of <see cref="ThumbnailSpec.Sizes"/>. Bad input throws <see cref="ImageInputException"/>; anything
    /// else that fails (libvips missing or broken) throws something else.
    /// </summary>
    ThumbnailSet Render(byte[] input, ThumbnailSpec spec, CancellationToken cancellationToken);
}

/// <summary>The input's header and the rendered outputs.</summary>
internal sealed record ThumbnailSet(ImageHeader Input, IReadOnlyList<Thumbnail> Outputs);

/// <summary>One rendered output: the size asked for, the actual dimensions, and the encoded bytes.</summary>
internal sealed record Thumbnail(int Size, int Width, int Height, ImageFormat Format, byte[] Bytes);

/// <summary>
/// How several sizes are made from one input (measured in <c>bench/RESULTS.md</c>):
/// <see cref="DeriveFromLargest"/> decodes once (with shrink-on-load) to the largest size, keeps that in
/// memory and scales it down for the others; <see cref="OnePerSize"/> runs <c>thumbnail_buffer</c> from the
/// compressed input for every size, each with its own shrink-on-load.
/// </summary>
internal enum ThumbnailStrategy
{
    DeriveFromLargest,
    OnePerSize,
}
