namespace ActorQueue.Protocol;

/// <summary>The fields of an <c>application/problem+json</c> answer that clients read.</summary>
public sealed record ProblemView(string? Title, string? Detail, int? Status);
