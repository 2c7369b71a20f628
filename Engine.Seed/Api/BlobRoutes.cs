using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Api;

/// <summary>
/// <c>GET /api/blobs/{id}</c>: the stored bytes with their content type. A blob id always names the same
/// bytes, so the answer is cacheable for good (<c>immutable</c>) and its ETag is the id; <c>404</c> once the
/// blob's job has been pruned.
/// </summary>
internal static class BlobRoutes
{
    private const string CacheForever = "max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapBlobRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(BlobUrls.Prefix + "{id}", GetAsync)
            .WithTags("Images")
            .WithSummary("A stored image")
            .WithDescription("The bytes with their content type, cacheable for good (the ETag is the id); 404 once the job that owns the blob is pruned.")
            .WithPathDescription("id", "The blob's id, from a job's result.")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")
            .Produces(StatusCodes.Status304NotModified)
            .WithProblems(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IBlobStore blobs)
    {
        var blob = await blobs.GetBlobAsync(id, context.RequestAborted)
            ?? throw new RequestRejectedException(StatusCodes.Status404NotFound, "Blob not found",
                $"No blob has the id '{id}' (blobs are pruned with the job that owns them).");
        var etag = $"\"{id}\"";
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = CacheForever;
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == etag || tag == "*"))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(blob.Data, blob.ContentType);
    }
}
