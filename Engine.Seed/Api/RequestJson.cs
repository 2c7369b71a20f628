using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Api;

/// <summary>Reads a JSON request body with the source-generated wire types, and explains what is wrong with a bad one.</summary>
internal static partial class RequestJson
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        if (request.ContentLength == 0)
        {
            throw new JsonException("The request body is empty; send a JSON object.");
        }
        return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
    }

    /// <summary>One sentence: which field is unknown or has the wrong type, or where the JSON stops being JSON.</summary>
    public static string Describe(JsonException exception)
    {
        var path = exception.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : null;
        if (exception.Message.StartsWith("The request body is empty", StringComparison.Ordinal))
        {
            return exception.Message;
        }
        if (UnknownField(exception, path) is { } unknown)
        {
            return unknown;
        }
        if (exception.Message.Contains("could not be converted", StringComparison.Ordinal) && path is null)
        {
            return "The body has the wrong type: expected a JSON object.";
        }
        if (exception.Message.Contains("could not be converted", StringComparison.Ordinal) && path is not null)
        {
            return $"Field '{path}' has the wrong type: {Expected(exception.Message)}.";
        }
        var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
        return $"The body is not valid JSON{where}: {exception.Message.Split(" Path:")[0]}";
    }

    /// <summary>"Unknown field 'queeu'. Known fields: …" for a property the request type does not have.</summary>
    private static string? UnknownField(JsonException exception, string? path)
    {
        var match = Unmapped().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }
        var field = match.Groups["field"].Value;
        var type = typeof(WireJsonContext).Assembly.GetType(match.Groups["type"].Value);
        var known = type is null ? null : WireJsonContext.Default.GetTypeInfo(type)?.Properties.Select(property => property.Name).ToList();
        // The path ends at the unknown property: what comes before it says where (jobs[2] of a batch).
        var where = path is not null && path.EndsWith(field, StringComparison.Ordinal) ? path[..^field.Length] : "";
        return known is null
            ? $"Unknown field '{where}{field}'."
            : $"Unknown field '{where}{field}'. Known fields: {string.Join(", ", known)}.";
    }

    [GeneratedRegex("^The JSON property '(?<field>.+)' could not be mapped to any \\.NET member contained in type '(?<type>[^']+)'")]
    private static partial Regex Unmapped();

    private static string Expected(string message) => message switch
    {
        _ when message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("System.Int64", StringComparison.Ordinal) => "expected a whole number",
        _ when message.Contains("System.Double", StringComparison.Ordinal) => "expected a number",
        _ when message.Contains("System.String", StringComparison.Ordinal) => "expected a string",
        _ when message.Contains("DateTimeOffset", StringComparison.Ordinal) => "expected an ISO-8601 time such as 2026-01-01T12:00:00Z",
        _ when message.Contains("List", StringComparison.Ordinal) => "expected an array",
        _ when message.Contains("Request", StringComparison.Ordinal) => "expected an object",
        _ => "see the API reference",
    };
}
