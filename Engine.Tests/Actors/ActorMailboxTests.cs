using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class ActorMailboxTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task Messages_FromOneSender_AreProcessedInSendOrder()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "ordered");
        await _probe.ExpectMsgAsync(new Constructed(1));
        await _probe.ExpectMsgAsync(new PreStarted(1));

        for (var i = 0; i < 1000; i++)
        {
            await actor.TellAsync(i);
        }

        var received = await _probe.ReceiveNAsync<int>(1000);
        Assert.Equal(Enumerable.Range(0, 1000), received);
    }

    [Fact]
    public async Task FullMailbox_MakesTryTellReturnFalse_AndTellAsyncWaitUntilThereIsSpace()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe).WithMailboxCapacity(2), "bounded");
        await _probe.ExpectMsgAsync(new Constructed(1));
        await _probe.ExpectMsgAsync(new PreStarted(1));
        using var gate = new TestGate();

        await actor.TellAsync(new Block("gate", gate.Task));
        await _probe.ExpectMsgAsync(new Blocked("gate"));
        Assert.True(actor.TryTell(1));
        Assert.True(actor.TryTell(2));
        Assert.False(actor.TryTell(3));
        var waiting = actor.TellAsync(4).AsTask();
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.False(waiting.IsCompleted);
        Assert.False(actor.IsIdle);

        gate.Open();
        await waiting.WaitAsync(TestProbe.DefaultTimeout);
        Assert.Equal([1, 2, 4], await _probe.ReceiveNAsync<int>(3));
    }
}
