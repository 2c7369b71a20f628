namespace ActorQueue.Cli.Client;

/// <summary>A successful answer: the typed value and the JSON text exactly as the seed sent it (for <c>--json</c>).</summary>
internal sealed record SeedAnswer<T>(T Value, string Json);
