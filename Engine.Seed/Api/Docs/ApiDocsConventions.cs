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
    public static RouteHandlerBuilder AcceptsImage(this RouteHandlerBuilder builder) => builder.WithBody<Stream>(ImageTypes);

    /// <summary>
    /// Documents the request body as <typeparamref name="T"/> in <paramref name="contentTypes"/> (binary for
    /// <see cref="Stream"/>). Documentation only, unlike <c>Accepts</c>, whose metadata makes routing refuse other
    /// media types with a bare 415: the handlers read their bodies themselves and explain what is wrong.
    /// </summary>
    public static RouteHandlerBuilder WithBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Body<T>(required: true, contentTypes);

    /// <summary>As <see cref="WithBody{T}"/>, for a body the route also takes empty.</summary>
    public static RouteHandlerBuilder WithOptionalBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Body<T>(required: false, contentTypes);

    private static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder builder, bool required, string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            if (typeof(T) != typeof(Stream) && context.Document is { } document)
            {
                // A named component, as the generator makes for response types.
                document.AddComponent(typeof(T).Name, schema);
                schema = new OpenApiSchemaReference(typeof(T).Name, document);
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });

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
