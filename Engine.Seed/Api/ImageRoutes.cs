using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
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
        app.MapPost("/api/images", (HttpRequest request) => SubmitAsync(request, gateway));
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
