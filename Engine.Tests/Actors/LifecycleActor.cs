using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

internal sealed record Constructed(int Instance);

internal sealed record PreStarted(int Instance);

internal sealed record PostStopped(int Instance);

internal sealed record Counted(int Instance, int Count);

internal sealed record Blocked(string Tag);

/// <summary>Counts in per-instance state and reports it.</summary>
internal sealed record Increment;

/// <summary>Makes the handler throw an <see cref="InvalidOperationException"/> with <paramref name="Reason"/>.</summary>
internal sealed record Crash(string Reason);

/// <summary>Makes the handler throw <paramref name="Error"/> itself.</summary>
internal sealed record Fail(Exception Error);

/// <summary>Responds with <paramref name="Value"/>.</summary>
internal sealed record Echo(object? Value);

/// <summary>Reports <see cref="Blocked"/>, waits for <paramref name="Gate"/>, then responds with the tag.</summary>
internal sealed record Block(string Tag, Task Gate);

/// <summary>Handled without a response.</summary>
internal sealed record Silent;

/// <summary>
/// A test actor that reports its lifecycle and per-instance state to a probe. Any other message
/// is forwarded to the probe as is.
/// </summary>
internal sealed class LifecycleActor : Actor
{
    private readonly TestProbe _probe;
    private readonly int _instance;
    private readonly bool _failPreStart;
    private int _count;

    public LifecycleActor(TestProbe probe, int instance, bool failPreStart = false)
    {
        _probe = probe;
        _instance = instance;
        _failPreStart = failPreStart;
        probe.Tell(new Constructed(instance));
    }

    /// <summary>Props whose factory numbers the instances 1, 2, 3, … so restarts are visible.</summary>
    public static Props NumberedProps(TestProbe probe)
    {
        var instances = 0;
        return Props.Create(() => new LifecycleActor(probe, Interlocked.Increment(ref instances)));
    }

    protected internal override Task PreStartAsync()
    {
        _probe.Tell(new PreStarted(_instance));
        return _failPreStart ? throw new InvalidOperationException($"PreStart of instance {_instance} failed") : Task.CompletedTask;
    }

    protected internal override Task PostStopAsync()
    {
        _probe.Tell(new PostStopped(_instance));
        return Task.CompletedTask;
    }

    protected internal override async Task ReceiveAsync(object message)
    {
        switch (message)
        {
            case Increment:
                _count++;
                _probe.Tell(new Counted(_instance, _count));
                break;
            case Crash crash:
                throw new InvalidOperationException(crash.Reason);
            case Fail fail:
                throw fail.Error;
            case Echo echo:
                Context.Respond(echo.Value);
                break;
            case Block block:
                _probe.Tell(new Blocked(block.Tag));
                await block.Gate;
                Context.Respond(block.Tag);
                break;
            case Silent:
                break;
            default:
                _probe.Tell(message);
                break;
        }
    }
}
