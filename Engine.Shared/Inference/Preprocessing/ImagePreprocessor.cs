using System.Runtime.CompilerServices;
using ActorQueue.Imaging;
using ActorQueue.Imaging.Libvips;
using ActorQueue.Imaging.Thumbnails;
using NetVips;

namespace ActorQueue.Inference.Preprocessing;

/// <summary>
/// Turns an uploaded image into one input tensor for the model: the same checks as every image job first
/// (<see cref="ImageInspector"/>: a supported format by its magic bytes, a readable header, at most
/// <c>Images:MaxPixels</c> pixels, all before any pixel is decoded), then <see cref="ModelImageDecoder"/>,
/// then <see cref="PreprocessSpec.ToTensor"/>. What is wrong with the image throws
/// <see cref="ImageInputException"/> with one sentence saying why; anything else (libvips missing, an
/// operation that cannot be set up) is not the image's fault and throws something else.
/// </summary>
internal sealed class ImagePreprocessor(ImageInspector inspector, ImagingRuntime runtime)
{
    public float[] ToTensor(byte[] image, PreprocessSpec spec, CancellationToken cancellationToken)
    {
        runtime.Ensure();
        var header = inspector.Inspect(image);
        return spec.ToTensor(Decode(image, header, spec, cancellationToken));
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // names NetVips types: only once libvips is set up (see LibvipsRuntime)
    private static byte[] Decode(byte[] image, ImageHeader header, PreprocessSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return ModelImageDecoder.Decode(image, spec, cancellationToken);
        }
        catch (VipsException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The image was being decoded when the job was stopped.", cancellationToken);
        }
        catch (VipsException exception) when (!exception.IsSetup())
        {
            throw new ImageInputException(
                $"The {header.Format.Name().ToUpperInvariant()} image ({header.Width}×{header.Height}) cannot be decoded, so the file is corrupt or truncated ({exception.Detail()}).",
                exception);
        }
    }
}
