using ActorQueue.Imaging;
using ActorQueue.Seed.Gateway;
using Microsoft.AspNetCore.Http.Features;

namespace ActorQueue.Seed.Api;

/// <summary>
/// An image sent as the raw request body, for every route that takes one (<c>/api/images</c>,
/// <c>/api/classify</c>): <c>415</c> unless the media type is an image (or <c>application/octet-stream</c>),
/// <c>413</c> as soon as the body is known to be over <c>Images:MaxBytes</c>, <c>400</c> for an empty body.
/// What the bytes are is checked afterwards, by <see cref="ImageIntake"/>.
/// </summary>
internal static class ImageUploads
{
    public static void CheckContentType(HttpRequest request)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim() ?? "";
        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Not an image upload",
                $"Send the image itself as the body with Content-Type image/jpeg, image/png or image/webp (this request has '{(mediaType.Length > 0 ? mediaType : "none")}'), e.g. curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg'.");
        }
    }

    /// <summary>The whole body, refused with 413 as soon as it is known to be over <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }
        // Images have their own limit, which may be above the server-wide Http:MaxRequestBytes.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }
        var image = await ReadAllAsync(request.Body, request.ContentLength, maxBytes, request.HttpContext.RequestAborted);
        if (image.Length == 0)
        {
            throw RequestRejectedException.Invalid("The body is empty: send the image itself, e.g. curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg'.");
        }
        return image;
    }

    /// <summary>
    /// Reads the body into one array: exactly its length when the client declared it (no copies; the store
    /// takes that array as it is), growing otherwise.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream body, long? length, long maxBytes, CancellationToken cancellationToken)
    {
        // Not zeroed: only the bytes read are ever used.
        var buffer = GC.AllocateUninitializedArray<byte>(length is { } declared ? (int)declared : 256 * 1024);
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (length is not null)
                {
                    return buffer; // all the declared bytes are here
                }
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
            }
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, filled);
            }
            filled += read;
            if (filled > maxBytes)
            {
                throw TooLarge(filled, maxBytes);
            }
        }
    }

    private static RequestRejectedException TooLarge(long bytes, long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Image too large",
            $"The image is {(bytes > maxBytes ? "over" : "at")} {maxBytes} bytes, the limit for uploads ({ImageOptions.Section}:MaxBytes); this one has {bytes} bytes or more.");
}
