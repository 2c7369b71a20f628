using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorQueue.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Tests.Cli;

/// <summary>One request as the fake seed received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A stand-in for the seed's HTTP API: an in-test Kestrel on a free loopback port whose routes
/// each test maps to canned wire JSON. Every request is recorded (method, path, query, bearer
/// header, body) so tests can check what the CLI sent.
/// </summary>
internal sealed class FakeSeed : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSeed(WebApplication app, string url, ConcurrentQueue<RecordedRequest> requests)
    {
        _app = app;
        Url = url;
        Requests = requests;
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; }

    public static async Task<FakeSeed> StartAsync(Action<WebApplication> mapRoutes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.FirstOrDefault(),
                body));
            await next(context);
        });
        mapRoutes(app);
        await app.StartAsync();

        // With port 0 Kestrel picks a free port; the address list then holds the real one.
        return new FakeSeed(app, app.Urls.Single(), requests);
    }

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = 200) =>
        Results.Text(JsonSerializer.Serialize(value, type), "application/json", Encoding.UTF8, status);

    public static IResult Problem(int status, string title, string detail) =>
        Results.Text(
            JsonSerializer.Serialize(new ProblemView(title, detail, status), WireJsonContext.Default.ProblemView),
            "application/problem+json", Encoding.UTF8, status);

    public static JobView Job(string id, JobStateName state, params JobErrorView[] errors) => new()
    {
        Id = id,
        Kind = "echo",
        Queue = "default",
        State = state,
        Attempt = Math.Max(1, errors.Length),
        MaxAttempts = 3,
        EnqueuedAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Node = "node-a",
        Errors = errors,
    };

    public RecordedRequest[] RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
