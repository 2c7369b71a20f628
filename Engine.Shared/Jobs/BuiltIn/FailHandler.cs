using System.Text.Json;

namespace ActorQueue.Jobs.BuiltIn;

/// <summary>
/// <c>fail</c> <c>{message?, times?}</c>: fails the first <c>times</c> attempts (or every attempt when
/// <c>times</c> is absent) with <c>message</c>, then answers <c>{"succeededOnAttempt": n}</c>.
/// </summary>
internal sealed class FailHandler : IJobHandler
{
    public string Kind => "fail";

    public ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var message = context.GetString("message", "the fail job failed as asked")!;
        var times = context.GetInt64("times");
        if (times is null || context.Attempt <= times)
        {
            throw new FailJobException(message);
        }
        return ValueTask.FromResult<JsonElement?>(
            JsonSerializer.SerializeToElement(new FailResult(context.Attempt), BuiltInJsonContext.Default.FailResult));
    }
}

internal sealed record FailResult(int SucceededOnAttempt);

/// <summary>The deliberate failure of the <c>fail</c> kind.</summary>
internal sealed class FailJobException(string message) : Exception(message);
