using System.Text.Json;

namespace ActorQueue.Jobs;

/// <summary>
/// Runs one kind of job. Register implementations with
/// <c>services.AddJobHandler&lt;THandler&gt;()</c>; each pool actor resolves its own instance from its
/// own DI scope, so a handler that throws is rebuilt when the supervisor restarts its actor.
/// </summary>
public interface IJobHandler
{
    /// <summary>The job kind this handler runs, e.g. <c>email.send</c>.</summary>
    string Kind { get; }

    /// <summary>The queue a job of this kind goes to when the submitter names none.</summary>
    string DefaultQueue => JobDefaults.Queue;

    /// <summary>
    /// Runs one attempt. Return the result (any JSON) or <c>null</c>. Throw to fail the attempt (it is
    /// retried with backoff); throw <see cref="JobDiscardException"/> for input that can never succeed.
    /// Honour <paramref name="cancellationToken"/>: it fires on timeout, cancel and shutdown.
    /// </summary>
    ValueTask<JsonElement?> ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}
