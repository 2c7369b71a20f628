using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Seed.Gateway;
using Microsoft.AspNetCore.Http.Features;

namespace ActorQueue.Seed.Api;

/// <summary>
/// <c>POST /api/images?sizes=128,512&amp;format=webp&amp;crop=attention&amp;quality=80&amp;wait=S</c> with the image
/// as the raw body: <c>202</c> and the job, or <c>200</c> with the finished job when <c>wait</c> is given and
/// it ends in time. <c>400</c> for what is wrong with the request or the image, <c>413</c> over
/// <c>Images:MaxBytes</c>.
/// </summary>
internal static class ImageRoutes
{
    public static IEndpointRouteBuilder MapImageRoutes(this IEndpointRouteBuilder app)
    {
        var gateway = ActivatorUtilities.CreateInstance<ImageGateway>(app.ServiceProvider);
        app.MapPost("/api/images", (HttpRequest request) => SubmitAsync(request, gateway));
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ImageGateway gateway)
    {
        CheckContentType(request.ContentType);
        var query = request.Query;
        var options = request.HttpContext.RequestServices.GetRequiredService<ImageOptions>();
        ThumbnailSpec spec;
        try
        {
            spec = ThumbnailSpec.Parse(query["sizes"], query["format"], query["crop"], query["quality"], options);
        }
        catch (ImageInputException exception)
        {
            throw RequestRejectedException.Invalid(exception.Message);
        }
        var wait = JobRoutes.Seconds(query["wait"], "wait");
        var image = await ReadBodyAsync(request, gateway.MaxBytes);

        var job = await gateway.SubmitAsync(image, spec, wait, request.HttpContext.RequestAborted);
        var final = job.State is JobStateName.Completed or JobStateName.Discarded or JobStateName.Cancelled;
        request.HttpContext.Response.Headers.Location = "/api/jobs/" + Uri.EscapeDataString(job.Id);
        return Results.Json(job, WireJson.Info<JobView>(), statusCode: final && wait is not null ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static void CheckContentType(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim() ?? "";
        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw RequestRejectedException.Invalid(
                $"Send the image itself as the body with Content-Type image/jpeg, image/png or image/webp (this request has '{(mediaType.Length > 0 ? mediaType : "none")}'), e.g. curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg'.");
        }
    }

    /// <summary>The whole body, refused with 413 as soon as it is known to be over <paramref name="maxBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long maxBytes)
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
        var buffer = new byte[length is { } declared ? (int)declared : 256 * 1024];
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
