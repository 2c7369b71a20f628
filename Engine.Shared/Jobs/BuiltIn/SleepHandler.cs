using System.Text.Json;

namespace ActorQueue.Jobs.BuiltIn;

/// <summary><c>sleep</c> <c>{ms}</c>: waits, cancellably, then answers <c>{"slept": ms}</c>.</summary>
internal sealed class SleepHandler(TimeProvider time) : IJobHandler
{
    private const long MaxMilliseconds = 24L * 3600 * 1000;

    public string Kind => "sleep";

    public async ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var ms = context.GetInt64("ms", 1000)!.Value;
        if (ms is < 0 or > MaxMilliseconds)
        {
            throw new JobDiscardException($"payload.ms must be between 0 and {MaxMilliseconds}.");
        }
        await Task.Delay(TimeSpan.FromMilliseconds(ms), time, cancellationToken);
        return JsonSerializer.SerializeToElement(new SleepResult(ms), BuiltInJsonContext.Default.SleepResult);
    }
}

internal sealed record SleepResult(long Slept);
