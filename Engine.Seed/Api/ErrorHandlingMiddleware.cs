using System.Text.Json;
using ActorQueue.Seed.Gateway;
using Microsoft.AspNetCore.Http.Features;

namespace ActorQueue.Seed.Api;

/// <summary>
/// Turns every failure into problem+json: refused requests keep their status, oversized bodies are 413,
/// malformed JSON is 400 with the place it broke, unknown routes are 404, anything else a plain 500.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response is { StatusCode: 404, HasStarted: false } && context.GetEndpoint() is null)
            {
                await Problems.WriteAsync(context, 404, "Not found", $"There is no route {context.Request.Method} {context.Request.Path}. See the API reference in the README.");
            }
            else if (context.Response is { StatusCode: 405, HasStarted: false })
            {
                await Problems.WriteAsync(context, 405, "Method not allowed", $"{context.Request.Path} does not accept {context.Request.Method}.");
            }
        }
        catch (RequestRejectedException rejected)
        {
            await Problems.WriteAsync(context, rejected.Status, rejected.Title, rejected.Detail);
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            await Problems.WriteAsync(context, 413, "Request body too large",
                $"The body is over the limit of {limit} bytes (Http:MaxRequestBytes); send smaller batches.");
        }
        catch (BadHttpRequestException bad)
        {
            await Problems.WriteAsync(context, bad.StatusCode, "Bad request", bad.Message);
        }
        catch (JsonException json)
        {
            await Problems.WriteAsync(context, 400, "Malformed JSON", RequestJson.Describe(json));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception exception)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
            await Problems.WriteAsync(context, 500, "Internal error", "The seed failed to handle this request; its log has the details.");
        }
    }

    [LoggerMessage(3000, LogLevel.Error, "Unhandled error in {Method} {Path}", EventName = "RequestFailed")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
