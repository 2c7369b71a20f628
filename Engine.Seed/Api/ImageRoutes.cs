using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;

namespace ActorQueue.Seed.Api;

/// <summary>
/// <c>POST /api/images?sizes=128,512&amp;format=webp&amp;crop=attention&amp;quality=80&amp;wait=S</c> with the image
/// as the raw body: <c>202</c> and the job, or <c>200</c> with the finished job when <c>wait</c> is given and
/// it ends in time. <c>400</c> for what is wrong with the request or the image, <c>413</c> over
/// <c>Images:MaxBytes</c>, <c>415</c> for a body that is not sent as an image (see <see cref="ImageUploads"/>).
/// </summary>
internal static class ImageRoutes
{
    public static IEndpointRouteBuilder MapImageRoutes(this IEndpointRouteBuilder app)
    {
        var gateway = ActivatorUtilities.CreateInstance<ImageGateway>(app.ServiceProvider);
        app.MapPost("/api/images", (HttpRequest request) => SubmitAsync(request, gateway))
            .WithTags("Images")
            .WithSummary("Make thumbnails of an image")
            .WithDescription("The image is the raw body. Answers 202 with the image.thumbnail job, or 200 with the finished job when wait is given and it ends in time; "
                + "its result lists each output with a /api/blobs URL. Location names the job.")
            .WithQuery("sizes", "Widths in pixels, comma-separated, e.g. 128,512.")
            .WithQuery("format", "jpeg, webp or png (default: the input's format).")
            .WithQuery("crop", "none, centre or attention (default none: keep the aspect ratio).")
            .WithQuery("quality", "1 to 100, for jpeg and webp.", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("wait", "Seconds to wait for the job to finish (at most 300).", Microsoft.OpenApi.JsonSchemaType.Number)
            .AcceptsImage()
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .Produces<JobView>(StatusCodes.Status200OK)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ImageGateway gateway)
    {
        ImageUploads.CheckContentType(request);
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
        var image = await ImageUploads.ReadBodyAsync(request, options.MaxBytes);

        var job = await gateway.SubmitAsync(image, spec, wait, request.HttpContext.RequestAborted);
        return JobRoutes.Submitted(request.HttpContext, job, wait);
    }
}
