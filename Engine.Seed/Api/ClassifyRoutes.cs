using System.Globalization;
using ActorQueue.Inference;
using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;

namespace ActorQueue.Seed.Api;

/// <summary>
/// <c>POST /api/classify?model=NAME&amp;top=5&amp;wait=S</c> with the image as the raw body: <c>202</c> and the
/// <c>inference.classify</c> job on the model's queue (<c>model</c> may be left out while the cluster serves
/// exactly one model), or <c>200</c> with the finished job when <c>wait</c> is given and it ends in
/// time; its result is <c>{model, predictions:[{index, label, score}]}</c>. <c>415</c> for a body not sent as an
/// image, <c>413</c> over <c>Images:MaxBytes</c>, <c>400</c> for a bad query, a bad image, an unknown model
/// (the detail lists the models served), or when no live member can classify.
/// </summary>
internal static class ClassifyRoutes
{
    public static IEndpointRouteBuilder MapClassifyRoutes(this IEndpointRouteBuilder app)
    {
        var gateway = ActivatorUtilities.CreateInstance<ClassifyGateway>(app.ServiceProvider);
        app.MapPost("/api/classify", (HttpRequest request) => SubmitAsync(request, gateway))
            .WithTags("Inference")
            .WithSummary("Classify an image")
            .WithDescription("The image is the raw body. Answers 202 with the inference.classify job on the model's queue (inference.MODEL), or 200 with the finished job "
                + "when wait is given and it ends in time; its result is {model, predictions:[{index, label, score}]}. An unknown model is a 400 that lists the models served.")
            .WithQuery("model", "The model (see GET /api/models); may be left out while one model is served.")
            .WithQuery("top", "How many predictions, best first (default 5).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("wait", "Seconds to wait for the job to finish (at most 300).", Microsoft.OpenApi.JsonSchemaType.Number)
            .AcceptsImage()
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .Produces<JobView>(StatusCodes.Status200OK)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClassifyGateway gateway)
    {
        ImageUploads.CheckContentType(request);
        var top = Top(request.Query["top"].ToString());
        var wait = JobRoutes.Seconds(request.Query["wait"], "wait");
        var aborted = request.HttpContext.RequestAborted;
        var model = request.Query["model"].ToString() is { Length: > 0 } named ? named : null;
        var resolved = gateway.CheckRunnable(model);
        var image = await ImageUploads.ReadBodyAsync(request, gateway.MaxBytes);

        var job = await gateway.SubmitAsync(image, resolved, top, wait, aborted);
        return JobRoutes.Submitted(request.HttpContext, job, wait);
    }

    private static int Top(string text) =>
        text.Length == 0 ? ClassifyJobHandler.DefaultTop
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= ClassifyJobHandler.MaxTop ? top
        : throw RequestRejectedException.Invalid($"top must be a whole number from 1 to {ClassifyJobHandler.MaxTop}, not '{text}'.");
}
