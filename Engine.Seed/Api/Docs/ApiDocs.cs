using System.Text.Json.Serialization;
using ActorQueue.Protocol;
using Microsoft.OpenApi;

namespace ActorQueue.Seed.Api.Docs;

/// <summary>
/// The HTTP API described as OpenAPI (Microsoft.AspNetCore.OpenApi): the document at <c>/openapi/v1.json</c> and a
/// page that renders it at <c>/openapi</c>. Each route states its own summary, parameters, request and response
/// types and problem answers where it is mapped (see <see cref="ApiDocsConventions"/>); the schemas come from the
/// wire types' source-generated serializer (<see cref="WireJsonContext"/>), so they show the names on the wire.
/// </summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/openapi";

    private const string ProblemType = "application/problem+json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default);
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Numbers as the contract states them (the wire types also read numbers sent as strings, which is not advertised).
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ActorQueue seed",
                    Version = "v1",
                    Description = "Jobs, datasets, images, classification and the cluster palette of an ActorQueue seed. Errors are "
                        + "application/problem+json with a title and a detail that say what to fix. When the seed runs with --api-token, "
                        + "every /api route and /metrics need Authorization: Bearer TOKEN.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The seed's --api-token, when it has one.",
                };
                return Task.CompletedTask;
            });
            // A token, when configured, guards every /api route and /metrics (BearerTokenMiddleware).
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var path = "/" + context.Description.RelativePath;
                if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith(OpsRoutes.MetricsPath, StringComparison.Ordinal))
                {
                    operation.Responses ??= [];
                    const string description = "The seed has an --api-token and the request has no bearer token, or a wrong one.";
                    // The route's own problem answers already refer to the ProblemDetails schema: share it.
                    var shared = operation.Responses.Values.FirstOrDefault(r => r.Content?.ContainsKey(ProblemType) == true)?.Content;
                    operation.Responses.TryAdd("401", shared is not null
                        ? new OpenApiResponse { Description = description, Content = new Dictionary<string, OpenApiMediaType> { [ProblemType] = (OpenApiMediaType)shared[ProblemType] } }
                        : await ApiDocsConventions.ProblemResponseAsync(description, context, cancellationToken));
                }
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapGet(PagePath, () => Results.Content(ApiDocsPage.Html, "text/html; charset=utf-8"))
            .WithTags("Docs")
            .WithSummary("This API, browsable")
            .WithDescription($"A page that renders {DocumentPath}: every route with its parameters, request body, responses and schemas.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }
}
