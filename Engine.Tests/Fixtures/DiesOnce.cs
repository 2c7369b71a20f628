using System.Collections.Concurrent;
using System.Text.Json;
using ActorQueue.Jobs;

namespace ActorQueue.Tests.Fixtures;

/// <summary>
/// <c>dies.once</c>: the first run of each job fails (with <c>maxAttempts: 1</c> it goes to the dead-letter
/// queue at once), every later run succeeds, however a re-drive numbers its attempts.
/// </summary>
internal sealed class DiesOnce : IJobHandler
{
    public const string Kind = "dies.once";

    // Static: a handler is scoped (one per pool actor), and job ids are unique across the test run.
    private static readonly ConcurrentDictionary<string, byte> Died = new(StringComparer.Ordinal);

    string IJobHandler.Kind => Kind;

    /// <summary>A submission of this kind that dies with <paramref name="message"/>.</summary>
    public static string Job(string message) => $$"""{"kind":"{{Kind}}","payload":{"message":"{{message}}"},"maxAttempts":1}""";

    public ValueTask<JsonElement?> ExecuteAsync(JobContext job, CancellationToken cancellationToken)
    {
        if (Died.TryAdd(job.Id, 0))
        {
            throw new InvalidOperationException(job.GetString("message", "died"));
        }
        return ValueTask.FromResult<JsonElement?>(JsonDocument.Parse("""{"ranAgain":true}""").RootElement);
    }
}
