using System.Text.Json;
using ActorQueue.Protocol;

namespace ActorQueue.Jobs;

/// <summary>
/// Turns a wire request into a <see cref="JobSubmission"/>, or says in one sentence what to fix.
/// HTTP and TCP share it, so both reject the same inputs with the same words.
/// </summary>
internal sealed class JobSubmissionValidator(ClusterKinds kinds, JobOptions options, IEnumerable<IJobRouter> routers)
{
    private readonly Dictionary<string, IJobRouter> _routers = routers.ToDictionary(router => router.Kind, StringComparer.Ordinal);

    /// <summary>The submission, or the sentence that says what to fix.</summary>
    public (JobSubmission? Submission, string? Error) Validate(SubmitJobRequest? request)
    {
        if (Check(request) is { } error)
        {
            return (null, error);
        }
        var kind = request!.Kind!;
        if (kinds.DefaultQueueOf(kind) is not { } defaultQueue)
        {
            return (null, kinds.Refusal(kind));
        }
        if (_routers.TryGetValue(kind, out var router))
        {
            var (routed, refusal) = router.Route(request);
            if (routed is null)
            {
                return (null, refusal);
            }
            if (request.Queue is { Length: > 0 } asked && asked != routed)
            {
                return (null, $"queue '{asked}' is not where this {kind} job runs: its queue is {routed}; leave queue out.");
            }
            defaultQueue = routed;
        }
        var queue = string.IsNullOrEmpty(request.Queue) ? defaultQueue : request.Queue;
        if (!kinds.IsServed(queue))
        {
            return (null, kinds.QueueRefusal(queue));
        }

        var submission = new JobSubmission
        {
            Kind = kind,
            Queue = queue,
            Payload = request.Payload is { ValueKind: not JsonValueKind.Undefined } payload ? payload.GetRawText() : null,
            Priority = request.Priority ?? 0,
            MaxAttempts = request.MaxAttempts ?? options.DefaultMaxAttempts,
            UniqueKey = string.IsNullOrEmpty(request.UniqueKey) ? null : request.UniqueKey,
            RunAt = request.RunAt,
            TimeoutSeconds = request.TimeoutSeconds,
        };
        if (submission.Payload is { Length: var length } && length > options.MaxPayloadBytes)
        {
            return (null, $"payload is {length} bytes; the limit is {options.MaxPayloadBytes} (Jobs:MaxPayloadBytes).");
        }
        return (submission, null);
    }

    private string? Check(SubmitJobRequest? request)
    {
        if (request is null)
        {
            return "The body must be a JSON object such as {\"kind\":\"echo\",\"payload\":{}}.";
        }
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            return "kind is required, e.g. \"echo\".";
        }
        if (request.Kind.Length > JobDefaults.MaxKindLength)
        {
            return $"kind is longer than {JobDefaults.MaxKindLength} characters.";
        }
        if (request.Queue is { Length: > 0 } queue && !IsValidQueueName(queue))
        {
            return $"queue '{queue}' is not a valid name: use 1–{JobDefaults.MaxQueueLength} letters, digits, '.', '_' or '-'.";
        }
        if (request.Priority is < JobDefaults.PriorityMin or > JobDefaults.PriorityMax)
        {
            return $"priority must be between {JobDefaults.PriorityMin} and {JobDefaults.PriorityMax} (higher runs first).";
        }
        if (request.MaxAttempts is < 1 or > JobDefaults.MaxAttemptsLimit)
        {
            return $"maxAttempts must be between 1 and {JobDefaults.MaxAttemptsLimit}.";
        }
        if (request.TimeoutSeconds is < 1 or > JobDefaults.MaxTimeoutSeconds)
        {
            return $"timeoutSeconds must be between 1 and {JobDefaults.MaxTimeoutSeconds}.";
        }
        if (request.UniqueKey is { Length: > JobDefaults.MaxUniqueKeyLength })
        {
            return $"uniqueKey is longer than {JobDefaults.MaxUniqueKeyLength} characters.";
        }
        return null;
    }

    internal static bool IsValidQueueName(string queue) =>
        queue.Length <= JobDefaults.MaxQueueLength
        && queue.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
