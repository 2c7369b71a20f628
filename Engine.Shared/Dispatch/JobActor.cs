using System.Diagnostics;
using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Logging;
using ActorQueue.Telemetry;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Dispatch;

/// <summary>
/// One actor of a queue's <c>RoundRobinPool</c>: runs one attempt at a time with handlers from its
/// own DI scope and answers the puller with a <see cref="JobFinished"/>. The handler runs off the mailbox
/// (piped back), so the actor stays responsive: an attempt that reaches it while it is busy, or while it
/// rests after a crash, is turned back (<see cref="JobDeclined"/>) for the puller to send to another actor.
/// A handler that throws fails its attempt; the actor then throws so that its supervisor restarts it with a
/// fresh scope (fresh handler instances), and it rests as <see cref="CrashBackoff"/> says. The handler runs inside
/// the attempt's <c>run</c> span (<see cref="JobTracing"/>) and the job's log scope, so its own spans and log
/// lines carry the job's trace.
/// </summary>
internal sealed class JobActor : ReceiveActor, IWithTimers
{
    private readonly IServiceScopeFactory _scopes;
    private readonly JobHandlerRegistry _registry;
    private readonly RetryPolicy _retryPolicy;
    private readonly TimeProvider _time;
    private readonly CrashBackoff _backoff;
    private readonly ILogger<JobActor> _logger;
    private AsyncServiceScope _scope;

    public JobActor(IServiceScopeFactory scopes, JobHandlerRegistry registry, RetryPolicy retryPolicy, TimeProvider time,
        CrashBackoff backoff, ILogger<JobActor> logger)
    {
        _scopes = scopes;
        _registry = registry;
        _retryPolicy = retryPolicy;
        _time = time;
        _backoff = backoff;
        _logger = logger;
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => _scope = _scopes.CreateAsyncScope();

    protected override void PostStop() => _ = _scope.DisposeAsync().AsTask();

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        Become(Resting);
        Timers.StartSingleTimer(nameof(Rested), Rested.Instance, _backoff.Next());
    }

    private void Idle()
    {
        Receive<RunJob>(Start);
    }

    private void Busy(IActorRef puller)
    {
        Receive<RunJob>(run => Sender.Tell(new JobDeclined(run)));
        Receive<AttemptEnded>(ended =>
        {
            puller.Tell(new JobFinished(ended.Run, ended.Outcome, ended.RunTime, ended.Crash));
            Become(Idle);
            if (ended.Crash is { } crash)
            {
                using (_logger.BeginJobScope(ended.Run.Job.Id, ended.Run.Job.TraceParent))
                {
                    DispatchLog.HandlerCrashed(_logger, ended.Run.Job.Id, ended.Run.Job.Kind, ended.Run.Job.Attempt, crash);
                }
                // The supervisor restarts this actor: its scope and handlers are rebuilt.
                throw new JobHandlerCrashedException(ended.Run.Job, crash);
            }
        });
    }

    private void Resting()
    {
        Receive<RunJob>(run => Sender.Tell(new JobDeclined(run)));
        Receive<Rested>(_ => Become(Idle));
    }

    private void Start(RunJob run)
    {
        var puller = Sender;
        Become(() => Busy(puller));
        RunAsync(run).PipeTo(Self, failure: exception => new AttemptEnded(run,
            _retryPolicy.AfterFailure(run.Job, Describe(exception), _time.GetUtcNow(), Random.Shared.NextDouble()), TimeSpan.Zero, exception));
    }

    private async Task<AttemptEnded> RunAsync(RunJob run)
    {
        var job = run.Job;
        using var scope = _logger.BeginJobScope(job.Id, job.TraceParent);
        var activity = JobTracing.StartRun(job);
        try
        {
            var ended = await RunHandlerAsync(run);
            JobTracing.Ran(activity, ended.Outcome);
            return ended;
        }
        catch (Exception exception)
        {
            JobTracing.Failed(activity, exception);
            activity?.Stop();
            throw;
        }
    }

    private async Task<AttemptEnded> RunHandlerAsync(RunJob run)
    {
        var job = run.Job;
        var handler = _registry.Resolve(_scope.ServiceProvider, job.Kind);
        if (handler is null)
        {
            return new AttemptEnded(run, new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, $"No handler for kind '{job.Kind}' is registered on this node."), TimeSpan.Zero, null);
        }
        JsonElement payload;
        try
        {
            payload = job.Payload is null ? default : JsonDocument.Parse(job.Payload).RootElement;
        }
        catch (JsonException exception)
        {
            return new AttemptEnded(run, new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, $"The stored payload is not valid JSON: {exception.Message}"), TimeSpan.Zero, null);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(run.Running.Token);
        if (job.TimeoutSeconds is { } timeout)
        {
            attempt.CancelAfter(TimeSpan.FromSeconds(timeout));
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler.ExecuteAsync(new JobContext(job, payload), attempt.Token);
            return Ended(new JobOutcome.Completed(job.Id, job.NodeId, job.Attempt, job.Epoch, result?.GetRawText()));
        }
        catch (JobDiscardException exception)
        {
            return Ended(new JobOutcome.Discard(job.Id, job.NodeId, job.Attempt, job.Epoch, exception.Message));
        }
        catch (JobHandBackException)
        {
            // Not the job's fault: back to available, the attempt not counted, for a node that can run it.
            return Ended(new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch));
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            return Ended(Stopped(run.Running, job));
        }
        catch (Exception exception)
        {
            return Ended(_retryPolicy.AfterFailure(job, Describe(exception), _time.GetUtcNow(), Random.Shared.NextDouble()), exception);
        }

        AttemptEnded Ended(JobOutcome outcome, Exception? crash = null) =>
            new(run, outcome, Stopwatch.GetElapsedTime(started), crash);
    }

    private JobOutcome Stopped(RunningJob running, ClaimedJob job) => running.Reason switch
    {
        StopReason.CancelRequested => new JobOutcome.Cancelled(job.Id, job.NodeId, job.Attempt, job.Epoch, "cancelled on request while running"),
        StopReason.Shutdown or StopReason.LeaseLost => new JobOutcome.Released(job.Id, job.NodeId, job.Attempt, job.Epoch),
        _ => _retryPolicy.AfterFailure(job, $"timed out after {job.TimeoutSeconds} s", _time.GetUtcNow(), Random.Shared.NextDouble()),
    };

    private static string Describe(Exception exception) =>
        exception is Jobs.BuiltIn.FailJobException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";

    private sealed record AttemptEnded(RunJob Run, JobOutcome Outcome, TimeSpan RunTime, Exception? Crash);

    private sealed record Rested
    {
        public static readonly Rested Instance = new();
    }
}

/// <summary>A handler threw: the attempt failed and the actor is restarted.</summary>
internal sealed class JobHandlerCrashedException(ClaimedJob job, Exception inner)
    : Exception($"The handler of job {job.Id} ({job.Kind}) threw {inner.GetType().Name}.", inner);
