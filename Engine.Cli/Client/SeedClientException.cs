namespace ActorQueue.Cli.Client;

/// <summary>
/// A failure talking to the seed that the CLI reports as one line and exit code 1: the
/// message is written for the user (no stack trace is ever printed for these).
/// </summary>
internal class SeedClientException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Nothing answers at the seed's address (connection refused, unknown host): retrying now is pointless.</summary>
internal sealed class SeedUnreachableException(string message, Exception? inner = null) : SeedClientException(message, inner);

/// <summary>The seed answered with an error status; title and detail come from its problem+json body.</summary>
internal sealed class SeedRequestException(int status, string title, string? detail)
    : SeedClientException(Format(status, title, detail))
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>A client error other than 408/429: sending the same request again gets the same answer.</summary>
    public bool IsPermanent => Status is >= 400 and < 500 and not 408 and not 429;

    private static string Format(int status, string title, string? detail)
    {
        var head = $"{OneLine(title)} ({status})";
        return string.IsNullOrWhiteSpace(detail) ? head : $"{head}: {OneLine(detail)}";
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
