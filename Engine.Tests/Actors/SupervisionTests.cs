using System.Collections.Concurrent;
using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class SupervisionTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task Restart_BuildsANewInstance_RunsPostStopOnTheOldAndPreStartOnTheNew_AndResetsState()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "counter");
        await ExpectStartedAsync(1);
        await actor.TellAsync(new Increment());
        await actor.TellAsync(new Increment());
        await _probe.ExpectMsgAsync(new Counted(1, 1));
        await _probe.ExpectMsgAsync(new Counted(1, 2));

        await actor.TellAsync(new Crash("boom"));
        await actor.TellAsync(new Increment());

        await _probe.ExpectMsgAsync(new PostStopped(1));
        await ExpectStartedAsync(2);
        await _probe.ExpectMsgAsync(new Counted(2, 1));
        Assert.Equal(1, system.RestartCount(actor));
    }

    [Fact]
    public async Task Resume_KeepsTheInstanceAndItsState()
    {
        await using var system = new ActorSystem("test");
        var props = LifecycleActor.NumberedProps(_probe)
            .WithSupervisor(new SupervisorStrategy { Decider = _ => SupervisorDirective.Resume });
        var actor = system.ActorOf(props, "counter");
        await ExpectStartedAsync(1);

        await actor.TellAsync(new Increment());
        await actor.TellAsync(new Crash("boom"));
        await actor.TellAsync(new Increment());

        await _probe.ExpectMsgAsync(new Counted(1, 1));
        await _probe.ExpectMsgAsync(new Counted(1, 2));
        Assert.Equal(0, system.RestartCount(actor));
    }

    [Fact]
    public async Task Stop_StopsTheActor_WhichThenRejectsMessages()
    {
        await using var system = new ActorSystem("test");
        var escalations = 0;
        system.Escalated += (_, _) => Interlocked.Increment(ref escalations);
        var props = LifecycleActor.NumberedProps(_probe)
            .WithSupervisor(new SupervisorStrategy { Decider = _ => SupervisorDirective.Stop });
        var actor = system.ActorOf(props, "fragile");
        await ExpectStartedAsync(1);

        await actor.TellAsync(new Crash("boom"));

        await _probe.ExpectMsgAsync(new PostStopped(1));
        Assert.False(actor.TryTell(new Increment()));
        Assert.False(actor.IsIdle);
        await Assert.ThrowsAsync<ActorStoppedException>(() => actor.TellAsync(new Increment()).AsTask());
        await Assert.ThrowsAsync<ActorStoppedException>(() => actor.AskAsync<object>(new Echo(1), TestProbe.DefaultTimeout));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, escalations);
    }

    [Fact]
    public async Task RestartBudget_WhenExceeded_StopsTheActorAndRaisesEscalatedExactlyOnce()
    {
        await using var system = new ActorSystem("test");
        var escalations = new ConcurrentQueue<ActorEscalatedEventArgs>();
        var escalated = new TaskCompletionSource<ActorEscalatedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Escalated += (_, e) =>
        {
            escalations.Enqueue(e);
            escalated.TrySetResult(e);
        };
        var props = LifecycleActor.NumberedProps(_probe)
            .WithSupervisor(new SupervisorStrategy { MaxRestarts = 3, Window = TimeSpan.FromMinutes(1) });
        var actor = system.ActorOf(props, "flaky");
        await ExpectStartedAsync(1);

        for (var i = 1; i <= 4; i++)
        {
            await actor.TellAsync(new Crash($"boom {i}"));
        }

        var escalation = await escalated.Task.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Equal(actor.Path, escalation.Path);
        Assert.Equal("boom 4", Assert.IsType<InvalidOperationException>(escalation.Exception).Message);
        Assert.Equal(3, escalation.Restarts);
        Assert.False(actor.TryTell(new Increment()));
        for (var instance = 1; instance <= 3; instance++)
        {
            await _probe.ExpectMsgAsync(new PostStopped(instance));
            await ExpectStartedAsync(instance + 1);
        }

        await _probe.ExpectMsgAsync(new PostStopped(4));
        await system.DisposeAsync();
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Single(escalations);
        Assert.Equal(3, system.RestartCount(actor));
    }

    [Fact]
    public async Task EscalateDirective_StopsTheActorAndRaisesEscalatedWithTheException()
    {
        await using var system = new ActorSystem("test");
        var escalated = new TaskCompletionSource<ActorEscalatedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Escalated += (_, e) => escalated.TrySetResult(e);
        var props = LifecycleActor.NumberedProps(_probe)
            .WithSupervisor(new SupervisorStrategy { Decider = ex => ex is TimeoutException ? SupervisorDirective.Escalate : SupervisorDirective.Restart });
        var actor = system.ActorOf(props, "strict");
        await ExpectStartedAsync(1);
        var fatal = new TimeoutException("database gone");

        await actor.TellAsync(new Fail(fatal));

        var escalation = await escalated.Task.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Same(fatal, escalation.Exception);
        Assert.Equal(0, escalation.Restarts);
        await _probe.ExpectMsgAsync(new PostStopped(1));
        Assert.False(actor.TryTell(new Increment()));
    }

    [Fact]
    public async Task FactoryFailureDuringRestart_CountsAsAFailure_AndIsRetried()
    {
        await using var system = new ActorSystem("test");
        var instances = 0;
        var props = Props.Create(() =>
        {
            var instance = Interlocked.Increment(ref instances);
            return instance == 2 ? throw new InvalidOperationException("model file locked") : new LifecycleActor(_probe, instance);
        });
        var actor = system.ActorOf(props, "loader");
        await ExpectStartedAsync(1);

        await actor.TellAsync(new Crash("boom"));
        await actor.TellAsync(new Increment());

        await _probe.ExpectMsgAsync(new PostStopped(1));
        await ExpectStartedAsync(3);
        await _probe.ExpectMsgAsync(new Counted(3, 1));
        Assert.Equal(2, system.RestartCount(actor));
    }

    [Fact]
    public async Task PreStartFailure_RunsPostStopOnThatInstance_AndIsRetried()
    {
        await using var system = new ActorSystem("test");
        var instances = 0;
        var props = Props.Create(() =>
        {
            var instance = Interlocked.Increment(ref instances);
            return new LifecycleActor(_probe, instance, failPreStart: instance == 2);
        });
        var actor = system.ActorOf(props, "loader");
        await ExpectStartedAsync(1);

        await actor.TellAsync(new Crash("boom"));
        await actor.TellAsync(new Increment());

        await _probe.ExpectMsgAsync(new PostStopped(1));
        await ExpectStartedAsync(2);
        await _probe.ExpectMsgAsync(new PostStopped(2));
        await ExpectStartedAsync(3);
        await _probe.ExpectMsgAsync(new Counted(3, 1));
        Assert.Equal(2, system.RestartCount(actor));
    }

    private async Task ExpectStartedAsync(int instance)
    {
        await _probe.ExpectMsgAsync(new Constructed(instance));
        await _probe.ExpectMsgAsync(new PreStarted(instance));
    }
}
