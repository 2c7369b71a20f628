using Microsoft.Extensions.Logging;

namespace ActorQueue.Actors;

/// <summary>The actor kernel's log messages; event ids 1000–1099 are reserved for them.</summary>
internal static partial class ActorLog
{
    [LoggerMessage(EventId = 1000, EventName = "ActorRestarted", Level = LogLevel.Warning,
        Message = "Actor {Path} failed; restart {Restart} follows in {BackoffMs} ms")]
    public static partial void ActorRestarted(ILogger logger, string path, int restart, long backoffMs, Exception exception);

    [LoggerMessage(EventId = 1001, EventName = "ActorEscalated", Level = LogLevel.Error,
        Message = "Actor {Path} escalated after {Restarts} restarts and is stopped")]
    public static partial void ActorEscalated(ILogger logger, string path, int restarts, Exception exception);

    [LoggerMessage(EventId = 1002, EventName = "ActorResumed", Level = LogLevel.Warning,
        Message = "Actor {Path} failed and resumes with its state kept")]
    public static partial void ActorResumed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1003, EventName = "ActorStoppedBySupervisor", Level = LogLevel.Warning,
        Message = "Actor {Path} failed and is stopped by its supervisor")]
    public static partial void ActorStoppedBySupervisor(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1004, EventName = "ActorPostStopFailed", Level = LogLevel.Warning,
        Message = "PostStop of actor {Path} threw")]
    public static partial void ActorPostStopFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1005, EventName = "ActorDeciderFailed", Level = LogLevel.Error,
        Message = "The supervisor decider of actor {Path} threw; the failure escalates")]
    public static partial void ActorDeciderFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1006, EventName = "EscalatedHandlerFailed", Level = LogLevel.Error,
        Message = "A handler of ActorSystem.Escalated threw for actor {Path}")]
    public static partial void EscalatedHandlerFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1007, EventName = "ActorKernelFailed", Level = LogLevel.Critical,
        Message = "The processing loop of actor {Path} failed; the actor is stopped")]
    public static partial void ActorKernelFailed(ILogger logger, string path, Exception exception);
}
