using ActorQueue.Inference.Routing;
using ActorQueue.Protocol;
using ActorQueue.Seed.Gateway;

namespace ActorQueue.Seed.Api;

/// <summary><c>GET /api/models</c>: the models of the live members, what each takes and gives, and where each is loaded or why it failed.</summary>
internal static class ModelRoutes
{
    public static IEndpointRouteBuilder MapModelRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", List)
            .WithTags("Inference")
            .WithSummary("The models the live members serve")
            .WithDescription("Each model's input and outputs, labels and batching, and on which members it is loaded or why it failed.")
            .Produces<ModelListView>();
        return app;
    }

    private static IResult List(ClusterModels models)
    {
        var all = models.List();
        return Results.Json(ModelViews.From(all), WireJson.Info<ModelListView>());
    }
}
