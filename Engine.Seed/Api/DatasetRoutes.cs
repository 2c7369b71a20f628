using System.Globalization;
using ActorQueue.Protocol;
using ActorQueue.Seed.Api.Docs;
using ActorQueue.Seed.Gateway;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ActorQueue.Seed.Api;

/// <summary>The <c>/api/datasets</c> routes of the contract.</summary>
internal static class DatasetRoutes
{
    private const int DefaultResultLimit = 1000;
    private const int MaxResultLimit = 10_000;

    public static IEndpointRouteBuilder MapDatasetRoutes(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/datasets").WithTags("Datasets");
        datasets.MapPost("/", CreateAsync)
            .WithSummary("Create a dataset")
            .WithDescription("A dataset applies a processor (e.g. running-stats) to its rows strictly in order, exactly once.")
            .WithBody<CreateDatasetRequest>("application/json")
            .Produces<DatasetView>(StatusCodes.Status201Created)
            .WithProblems(StatusCodes.Status400BadRequest);
        datasets.MapGet("/", ListAsync)
            .WithSummary("List datasets, newest first")
            .WithQuery("limit", "Datasets to list, 1 to 1000 (default 50).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .Produces<DatasetListResponse>()
            .WithProblems(StatusCodes.Status400BadRequest);
        datasets.MapGet("/{id}", GetAsync)
            .WithSummary("Get a dataset")
            .WithDescription("Its progress, owner, processor state and errors. With wait, answers when it is completed or failed, or when the time is up.")
            .WithPathDescription("id", "The dataset's id.")
            .WithQuery("wait", "Seconds to wait for completed or failed (at most 300).", Microsoft.OpenApi.JsonSchemaType.Number)
            .Produces<DatasetView>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        datasets.MapPost("/{id}/rows", UploadAsync)
            .WithSummary("Append rows, streamed")
            .WithDescription("The body is text/csv (header line first) or application/x-ndjson (one JSON object per line), streamed with no size limit. "
                + "firstSeq makes a resumed upload idempotent: rows up to the last one stored are skipped.")
            .WithPathDescription("id", "The dataset's id.")
            .WithQuery("firstSeq", "The sequence number of the body's first row (1 for a new upload).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithBody<Stream>("text/csv", "application/x-ndjson")
            .Produces<AppendRowsResponse>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType);
        datasets.MapPost("/{id}/seal", SealAsync)
            .WithSummary("Seal a dataset: no more rows")
            .WithDescription("The dataset completes once every row received is processed.")
            .WithPathDescription("id", "The dataset's id.")
            .Produces<DatasetView>()
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        datasets.MapPost("/{id}/resume", ResumeAsync)
            .WithSummary("Restart a failed dataset")
            .WithDescription("Optionally with a new onError policy (fail or skip); it goes on from the row that failed.")
            .WithPathDescription("id", "The dataset's id.")
            .WithOptionalBody<ResumeDatasetRequest>("application/json")
            .Produces<DatasetView>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        datasets.MapGet("/{id}/results", ResultsAsync)
            .WithSummary("Per-row outputs in sequence order")
            .WithPathDescription("id", "The dataset's id.")
            .WithQuery("afterSeq", "Outputs after this sequence number (default 0); pass nextAfterSeq back for the next page.", Microsoft.OpenApi.JsonSchemaType.Integer)
            .WithQuery("limit", "Outputs per page, 1 to 10000 (default 1000).", Microsoft.OpenApi.JsonSchemaType.Integer)
            .Produces<DatasetResultsView>()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, DatasetGateway gateway)
    {
        var body = await RequestJson.ReadAsync(request, WireJsonContext.Default.CreateDatasetRequest);
        var view = await gateway.CreateAsync(body, request.HttpContext.RequestAborted);
        return Results.Json(view, WireJson.Info<DatasetView>(), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DatasetGateway gateway) =>
        Results.Json(await gateway.ListAsync(Limit(request, 50, 1000), request.HttpContext.RequestAborted), WireJson.Info<DatasetListResponse>());

    private static async Task<IResult> GetAsync(string id, HttpRequest request, DatasetGateway gateway) =>
        Results.Json(await gateway.GetAsync(id, JobRoutes.Seconds(request.Query["wait"], "wait"), request.HttpContext.RequestAborted), WireJson.Info<DatasetView>());

    /// <summary>Streams the body into the dataset: no size limit, memory bounded by the longest row.</summary>
    private static async Task<IResult> UploadAsync(string id, HttpRequest request, DatasetGateway gateway)
    {
        var format = FormatOf(request);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        long? firstSeq = null;
        if (request.Query["firstSeq"].ToString() is { Length: > 0 } text)
        {
            firstSeq = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw RequestRejectedException.Invalid($"firstSeq must be a whole number from 1, not '{text}'.");
        }
        var response = await gateway.IngestAsync(id, request.Body, format, firstSeq, request.HttpContext.RequestAborted);
        return Results.Json(response, WireJson.Info<AppendRowsResponse>());
    }

    private static UploadFormat FormatOf(HttpRequest request)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType?.ToLowerInvariant() switch
        {
            "text/csv" or "application/csv" => UploadFormat.Csv,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" => UploadFormat.Ndjson,
            _ => throw new RequestRejectedException(415, "Unsupported media type",
                $"Send rows as text/csv (header line first) or application/x-ndjson (one JSON object per line), not '{request.ContentType ?? "no Content-Type"}'."),
        };
    }

    private static async Task<IResult> SealAsync(string id, DatasetGateway gateway, HttpContext context) =>
        Results.Json(await gateway.SealAsync(id, context.RequestAborted), WireJson.Info<DatasetView>());

    private static async Task<IResult> ResumeAsync(string id, HttpRequest request, DatasetGateway gateway)
    {
        var body = request.ContentLength is > 0 ? await RequestJson.ReadAsync(request, WireJsonContext.Default.ResumeDatasetRequest) : null;
        return Results.Json(await gateway.ResumeAsync(id, body, request.HttpContext.RequestAborted), WireJson.Info<DatasetView>());
    }

    /// <summary>
    /// <c>{"datasetId", "results": [output, …], "nextAfterSeq"}</c>: the outputs are written as stored, in
    /// sequence order; <c>nextAfterSeq</c> is set when there may be more.
    /// </summary>
    private static async Task ResultsAsync(string id, HttpContext context, DatasetGateway gateway)
    {
        long afterSeq = 0;
        if (context.Request.Query["afterSeq"].ToString() is { Length: > 0 } text && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            throw RequestRejectedException.Invalid($"afterSeq must be a whole number from 0, not '{text}'.");
        }
        var limit = Limit(context.Request, DefaultResultLimit, MaxResultLimit);
        var results = await gateway.ResultsAsync(id, afterSeq, limit, context.RequestAborted);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new System.Text.Json.Utf8JsonWriter(context.Response.BodyWriter.AsStream());
        writer.WriteStartObject();
        writer.WriteString("datasetId", id);
        writer.WriteStartArray("results");
        foreach (var result in results)
        {
            writer.WriteRawValue(result.Json, skipInputValidation: true);
        }
        writer.WriteEndArray();
        if (results.Count == limit)
        {
            writer.WriteNumber("nextAfterSeq", results[^1].Seq);
        }
        else
        {
            writer.WriteNull("nextAfterSeq");
        }
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static int Limit(HttpRequest request, int fallback, int max)
    {
        if (request.Query["limit"].ToString() is not { Length: > 0 } text)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 && limit <= max
            ? limit
            : throw RequestRejectedException.Invalid($"limit must be a whole number from 1 to {max}, not '{text}'.");
    }
}
