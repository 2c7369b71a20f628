namespace ActorQueue.Seed.Gateway;

/// <summary>A request the seed refuses; HTTP answers it as problem+json, TCP as <c>{"ok":false,"error":…}</c>.</summary>
internal sealed class RequestRejectedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;

    public static RequestRejectedException Invalid(string detail) => new(400, "Invalid request", detail);

    public static RequestRejectedException NotFound(string id) => new(404, "Job not found", $"No job has the id '{id}' (it may have been pruned after its retention).");

    public static RequestRejectedException Conflict(string title, string detail) => new(409, title, detail);
}
