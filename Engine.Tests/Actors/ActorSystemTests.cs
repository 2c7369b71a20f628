using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class ActorSystemTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task ActorOf_WithANameInUse_ThrowsArgumentException()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "worker");

        Assert.Equal("/user/worker", actor.Path);
        Assert.Throws<ArgumentException>(() => system.ActorOf(LifecycleActor.NumberedProps(_probe), "worker"));
        Assert.Throws<ArgumentException>(() => system.RoundRobinPool(LifecycleActor.NumberedProps(_probe), 2, "worker"));
    }

    [Fact]
    public async Task StopAsync_RunsPostStop_RejectsFurtherMessages_AndFreesTheName()
    {
        await using var system = new ActorSystem("test");
        var props = LifecycleActor.NumberedProps(_probe);
        var actor = system.ActorOf(props, "worker");
        await _probe.ExpectMsgAsync(new Constructed(1));
        await _probe.ExpectMsgAsync(new PreStarted(1));

        await system.StopAsync(actor);

        await _probe.ExpectMsgAsync(new PostStopped(1));
        Assert.False(actor.TryTell(new Increment()));
        await Assert.ThrowsAsync<ActorStoppedException>(() => actor.TellAsync(new Increment()).AsTask());
        system.ActorOf(props, "worker");
        await _probe.ExpectMsgAsync(new Constructed(2));
    }

    [Fact]
    public async Task DisposingTheSystem_LetsTheCurrentMessageFinish_AndFailsPendingAsksWithActorStoppedException()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "worker");
        await _probe.ExpectMsgAsync(new Constructed(1));
        await _probe.ExpectMsgAsync(new PreStarted(1));
        using var gate = new TestGate();
        var inFlight = actor.AskAsync<string>(new Block("first", gate.Task), TestProbe.DefaultTimeout);
        await _probe.ExpectMsgAsync(new Blocked("first"));
        var queued = actor.AskAsync<string>(new Echo("second"), TestProbe.DefaultTimeout);

        var disposal = system.DisposeAsync().AsTask();
        Assert.False(disposal.IsCompleted);
        gate.Open();
        await disposal.WaitAsync(TestProbe.DefaultTimeout);

        Assert.Equal("first", await inFlight);
        await Assert.ThrowsAsync<ActorStoppedException>(() => queued);
        await _probe.ExpectMsgAsync(new PostStopped(1));
        Assert.False(actor.TryTell(new Increment()));
    }

    [Fact]
    public async Task StopAsync_OnAPool_StopsEveryRoutee()
    {
        await using var system = new ActorSystem("test");
        var pool = system.RoundRobinPool(LifecycleActor.NumberedProps(_probe), 3, "workers");
        await _probe.ReceiveNAsync(6);

        await system.StopAsync(pool);

        var stopped = await _probe.ReceiveNAsync<PostStopped>(3);
        Assert.Equal([1, 2, 3], stopped.Select(s => s.Instance).Order());
        Assert.False(pool.TryTell(new Increment()));
        Assert.False(pool.IsIdle);
        await Assert.ThrowsAsync<ActorStoppedException>(() => pool.AskAsync<object>(new Echo(1), TestProbe.DefaultTimeout));
    }
}
