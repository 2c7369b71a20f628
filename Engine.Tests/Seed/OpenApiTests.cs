using System.Net;
using System.Text.Json;
using ActorQueue.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Tests.Seed;

/// <summary>
/// The HTTP API's OpenAPI document at <c>/openapi/v1.json</c> and its page at <c>/openapi</c>. The document is checked
/// against the routes the seed really maps (its endpoint data source), so a route added without a description, or a
/// description left behind by a removed route, fails here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenApiTests : IAsyncLifetime
{
    private static readonly HashSet<string> Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private SeedServer _seed = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _seed = await SeedServer.StartAsync(["--api-token", "s3cret"]);
        // The document is public, like the page: only /api and /metrics need the token.
        _document = JsonDocument.Parse(await _seed.Http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _seed.DisposeAsync();

    /// <summary>Every route the seed maps, as METHOD /path (path parameters in braces, no trailing slash).</summary>
    private IReadOnlyList<string> MappedRoutes()
    {
        var routes = new List<string>();
        foreach (var endpoint in _seed.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalize(endpoint.RoutePattern.RawText ?? "");
            if (path == "/openapi/v1.json")
            {
                continue; // the document itself
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            Assert.True(methods is { Count: > 0 }, $"{path} answers every HTTP method: map it with MapGet, MapPost, …");
            routes.AddRange(methods.Select(method => $"{method.ToUpperInvariant()} {path}"));
        }
        return routes;
    }

    private IEnumerable<(string Route, JsonElement Operation)> DocumentedOperations() =>
        _document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(operation => Methods.Contains(operation.Name))
            .Select(operation => ($"{operation.Name.ToUpperInvariant()} {Normalize(path.Name)}", operation.Value)));

    // A catch-all parameter ({**path}) is a plain {path} in OpenAPI.
    private static string Normalize(string path) => "/" + path.Trim('/').Replace("{**", "{", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal);

    [Fact]
    public void The_document_lists_every_route_the_seed_maps_and_no_other()
    {
        var mapped = MappedRoutes().Order(StringComparer.Ordinal).ToList();
        var documented = DocumentedOperations().Select(o => o.Route).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(mapped, documented);
        // The contract's routes are among them (a sample that would show a route lost in the mapping itself).
        Assert.Contains("POST /api/jobs", mapped);
        Assert.Contains("GET /api/jobs/{id}", mapped);
        Assert.Contains("POST /api/datasets/{id}/rows", mapped);
        Assert.Contains("GET /metrics", mapped);
    }

    [Fact]
    public void Every_operation_has_a_summary_a_described_success_and_its_problem_answers()
    {
        foreach (var (route, operation) in DocumentedOperations())
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{route} has no summary");
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{route} documents no success response");
            Assert.All(success, r => Assert.True(r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(),
                $"{route} answers {r.Key} with no documented content"));
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{route}: {status} is not documented as a problem");
            }
            var path = route[(route.IndexOf(' ') + 1)..];
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path == "/metrics")
            {
                Assert.True(responses.ContainsKey("401"), $"{route} does not say that it needs the token");
            }
        }
    }

    [Fact]
    public void Bodies_and_schemas_are_those_on_the_wire()
    {
        JsonElement Operation(string path, string method) => _document.GetProperty("paths").GetProperty(path).GetProperty(method);
        IEnumerable<string> BodyTypes(string path) => Operation(path, "post").GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name);
        var schemas = _document.GetProperty("components").GetProperty("schemas");

        Assert.Equal("#/components/schemas/SubmitJobRequest",
            Operation("/api/jobs", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains("image/jpeg", BodyTypes("/api/images"));
        Assert.Contains("image/png", BodyTypes("/api/classify"));
        Assert.Equal(["application/x-ndjson", "text/csv"], BodyTypes("/api/datasets/{id}/rows").Order(StringComparer.Ordinal));
        Assert.Contains("traceId", schemas.GetProperty("JobView").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Contains("completed", schemas.GetProperty("JobStateName").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["after", "kind", "limit", "queue", "state"],
            Operation("/api/jobs", "get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("integer", schemas.GetProperty("SubmitJobRequest").GetProperty("properties").GetProperty("priority").GetProperty("type")
            .EnumerateArray().Select(t => t.GetString()).Single(t => t != "null"));
    }

    [Fact]
    public async Task Documenting_a_body_does_not_make_routing_refuse_other_media_types()
    {
        _seed.UseToken("s3cret");

        // curl -d sends application/x-www-form-urlencoded: the seed reads the JSON all the same, as before it was documented.
        using var json = await _seed.Http.PostAsync("/api/jobs", new StringContent("""{"kind":"echo"}""", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var image = await _seed.Http.PostAsync("/api/images", new StringContent("not an image", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, image.StatusCode);
        Assert.Contains("Content-Type image/jpeg", (await image.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browsable_page_loads_without_a_token_and_renders_the_document()
    {
        using var response = await _seed.Http.GetAsync("/openapi");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>ActorQueue API</title>", page, StringComparison.Ordinal);
        Assert.Contains("fetch('/openapi/v1.json')", page, StringComparison.Ordinal);
    }
}
