using System.Text.Json;
using ActorQueue.Actors;
using ActorQueue.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Hosting.Dispatch;

/// <summary>
/// One actor of a queue's pool: runs one attempt at a time with handlers from its own DI scope and
/// answers the dispatcher with the attempt's <see cref="JobOutcome"/>. A handler that throws fails its
/// attempt, and then the actor rethrows so that its supervisor restarts it with a fresh scope (fresh
/// handler instances), the way an Akka actor is restarted after a crash.
/// </summary>
internal sealed class JobWorkerActor(
    IServiceScopeFactory scopes,
    JobHandlerRegistry registry,
    RetryPolicy retryPolicy,
    TimeProvider time,
    ILogger<JobWorkerActor> logger) : Actor
{
    private AsyncServiceScope _scope;

    protected internal override Task PreStartAsync()
    {
        _scope = scopes.CreateAsyncScope();
        return Task.CompletedTask;
    }

    protected internal override async Task PostStopAsync() => await _scope.DisposeAsync();

    protected internal override async Task ReceiveAsync(object message)
    {
        if (message is not RunJob run)
        {
            return;
        }
        var job = run.Job;
        var handler = registry.Resolve(_scope.ServiceProvider, job.Kind);
        if (handler is null)
        {
            Context.Respond(new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, $"No handler for kind '{job.Kind}' is registered on this node."));
            return;
        }

        JsonElement payload;
        try
        {
            payload = job.Payload is null ? default : JsonDocument.Parse(job.Payload).RootElement;
        }
        catch (JsonException exception)
        {
            Context.Respond(new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, $"The stored payload is not valid JSON: {exception.Message}"));
            return;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(run.Running.Token);
        if (job.TimeoutSeconds is { } timeout)
        {
            attempt.CancelAfter(TimeSpan.FromSeconds(timeout));
        }

        Exception? crash = null;
        JobOutcome outcome;
        try
        {
            var result = await handler.ExecuteAsync(new JobContext(job, payload), attempt.Token);
            outcome = new JobOutcome.Completed(job.Id, job.NodeId, job.Attempt, job.Epoch, result?.GetRawText());
        }
        catch (JobDiscardException exception)
        {
            outcome = new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, exception.Message);
        }
        catch (JobHandBackException)
        {
            // Not the job's fault: back to available, the attempt not counted, for a node that can run it.
            outcome = new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch);
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            outcome = Stopped(run, job);
        }
        catch (Exception exception)
        {
            crash = exception;
            outcome = retryPolicy.AfterFailure(job, Describe(exception), time.GetUtcNow(), Random.Shared.NextDouble());
        }

        Context.Respond(outcome);
        if (crash is not null)
        {
            HostingLog.HandlerCrashed(logger, job.Id, job.Kind, job.Attempt, crash);
            // Let the supervisor restart this actor: its scope and handlers are rebuilt.
            throw new JobHandlerCrashedException(job, crash);
        }
    }

    private JobOutcome Stopped(RunJob run, ClaimedJob job) => run.Running.Reason switch
    {
        StopReason.CancelRequested => new JobOutcome.Cancelled(job.Id, job.NodeId, job.Attempt, job.Epoch, "cancelled on request while running"),
        StopReason.Shutdown => new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch),
        StopReason.LeaseLost => new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch),
        _ => retryPolicy.AfterFailure(job, $"timed out after {job.TimeoutSeconds} s", time.GetUtcNow(), Random.Shared.NextDouble()),
    };

    private static string Describe(Exception exception) =>
        exception is Jobs.BuiltIn.FailJobException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
}

/// <summary>A handler threw: the attempt failed and the actor is restarted.</summary>
internal sealed class JobHandlerCrashedException(ClaimedJob job, Exception inner)
    : Exception($"The handler of job {job.Id} ({job.Kind}) threw {inner.GetType().Name}.", inner);
