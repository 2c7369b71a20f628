using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ActorQueue.Seed.Api.Docs;

/// <summary>
/// What the routes add to their OpenAPI description that the generator cannot see: query parameters the
/// handlers read themselves, raw bodies (images, CSV, NDJSON), problem answers.
/// </summary>
internal static class ApiDocsConventions
{
    /// <summary>The media types an image upload may have (any <c>image/*</c> or <c>application/octet-stream</c>; these are decoded).</summary>
    public static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp", "application/octet-stream"];

    /// <summary>Documents a query parameter of <paramref name="type"/> (the handler parses it and answers 400 when it is bad).</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, string name, string description, JsonSchemaType type = JsonSchemaType.String)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = type },
            });
            return Task.CompletedTask;
        });

    /// <summary>Describes the path parameter <paramref name="name"/> (the generator names it, this says what it is).</summary>
    public static TBuilder WithPathDescription<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Path) is { } parameter)
            {
                parameter.Description = description;
            }
            return Task.CompletedTask;
        });

    /// <summary>Problem answers (<c>application/problem+json</c>) the route gives, by status.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }
        return builder;
    }

    /// <summary>A raw image body (<c>curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg'</c>).</summary>
    public static RouteHandlerBuilder AcceptsImage(this RouteHandlerBuilder builder) =>
        builder.Accepts<Stream>(ImageTypes[0], ImageTypes[1..]);

    internal static async Task<OpenApiResponse> ProblemResponseAsync(string description, OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken) },
            },
        };
}
