using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Api;

/// <summary>Writes <c>application/problem+json</c> answers: a title and a detail that say what to fix.</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ProblemView(title, detail, status),
            WireJson.Info<ProblemView>(), context.RequestAborted);
    }
}
