using System.Globalization;
using ActorQueue.Inference;
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
        app.MapPost("/api/classify", (HttpRequest request) => SubmitAsync(request, gateway));
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
