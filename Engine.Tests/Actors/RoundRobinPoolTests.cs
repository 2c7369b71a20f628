using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class RoundRobinPoolTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task RoundRobinPool_SpreadsMessagesEvenly_InStrictRotation()
    {
        await using var system = new ActorSystem("test");
        var pool = system.RoundRobinPool(RouteeProps(), 3, "workers");
        var routees = system.Routees(pool);
        await _probe.ReceiveNAsync<RouteeConstructed>(3);

        for (var id = 0; id < 30; id++)
        {
            await pool.TellAsync(new Work(id));
        }

        var handled = await _probe.ReceiveNAsync<Handled>(30);
        Assert.Equal(["/user/workers/0", "/user/workers/1", "/user/workers/2"], routees.Select(r => r.Path));
        for (var r = 0; r < 3; r++)
        {
            var ids = handled.Where(h => h.Routee == routees[r].Path).Select(h => h.Id);
            Assert.Equal(Enumerable.Range(0, 10).Select(k => (k * 3) + r), ids);
        }
    }

    [Fact]
    public async Task RoundRobinPool_PreferringIdle_SendsToAnIdleRouteeWhileAnotherIsBusy()
    {
        await using var system = new ActorSystem("test");
        var pool = system.RoundRobinPool(RouteeProps(), 2, "jobs", preferIdle: true);
        var routees = system.Routees(pool);
        await _probe.ReceiveNAsync<RouteeConstructed>(2);
        using var gate = new TestGate();

        await routees[0].TellAsync(new Work(1, gate.Task));
        await _probe.ExpectMsgAsync(new Started(routees[0].Path, 1));
        Assert.False(routees[0].IsIdle);
        Assert.True(pool.IsIdle);

        // The rotation starts at routee 0, which is busy: the short job goes to routee 1 at once.
        await pool.TellAsync(new Work(2));
        await _probe.ExpectMsgAsync(new Handled(routees[1].Path, 2));

        gate.Open();
        await _probe.ExpectMsgAsync(new Handled(routees[0].Path, 1));
    }

    [Fact]
    public async Task RoundRobinPool_InStrictRotation_QueuesBehindTheBusyRoutee()
    {
        await using var system = new ActorSystem("test");
        var pool = system.RoundRobinPool(RouteeProps(), 2, "jobs");
        var routees = system.Routees(pool);
        await _probe.ReceiveNAsync<RouteeConstructed>(2);
        using var gate = new TestGate();

        await routees[0].TellAsync(new Work(1, gate.Task));
        await _probe.ExpectMsgAsync(new Started(routees[0].Path, 1));
        await pool.TellAsync(new Work(2));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        gate.Open();
        await _probe.ExpectMsgAsync(new Handled(routees[0].Path, 1));
        await _probe.ExpectMsgAsync(new Handled(routees[0].Path, 2));
    }

    [Fact]
    public async Task RoundRobinPool_RestartsACrashedRoutee_AndKeepsServing()
    {
        await using var system = new ActorSystem("test");
        var pool = system.RoundRobinPool(RouteeProps(), 2, "workers");
        var routees = system.Routees(pool);
        await _probe.ReceiveNAsync<RouteeConstructed>(2);

        await pool.TellAsync(new Crash("routee down"));
        var replies = await Task.WhenAll(Enumerable.Range(1, 6).Select(id => pool.AskAsync<int>(new Work(id), TestProbe.DefaultTimeout)));

        Assert.Equal(Enumerable.Range(1, 6), replies);
        var observed = await _probe.ReceiveNAsync(7);
        Assert.Equal([new RouteeConstructed(routees[0].Path)], observed.OfType<RouteeConstructed>());
        Assert.Equal(3, observed.OfType<Handled>().Count(h => h.Routee == routees[0].Path));
        Assert.Equal(1, system.RestartCount(routees[0]));
        Assert.Equal(0, system.RestartCount(routees[1]));
    }

    [Fact]
    public async Task RoundRobinPool_SkipsARouteeThatEscalated()
    {
        await using var system = new ActorSystem("test");
        var escalated = new TaskCompletionSource<ActorEscalatedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Escalated += (_, e) => escalated.TrySetResult(e);
        var pool = system.RoundRobinPool(RouteeProps().WithSupervisor(new SupervisorStrategy { MaxRestarts = 0 }), 2, "workers");
        var routees = system.Routees(pool);
        await _probe.ReceiveNAsync<RouteeConstructed>(2);

        await pool.TellAsync(new Crash("routee down"));
        Assert.Equal(routees[0].Path, (await escalated.Task.WaitAsync(TestProbe.DefaultTimeout)).Path);
        var replies = await Task.WhenAll(Enumerable.Range(1, 4).Select(id => pool.AskAsync<int>(new Work(id), TestProbe.DefaultTimeout)));

        Assert.Equal(Enumerable.Range(1, 4), replies);
        var handled = await _probe.ReceiveNAsync<Handled>(4);
        Assert.All(handled, h => Assert.Equal(routees[1].Path, h.Routee));
    }

    private Props RouteeProps() => Props.Create(() => new RouteeActor(_probe));

    private sealed record RouteeConstructed(string Routee);

    private sealed record Work(int Id, Task? Gate = null);

    private sealed record Started(string Routee, int Id);

    private sealed record Handled(string Routee, int Id);

    /// <summary>Reports which routee handled which work item; work with a gate reports its start and waits.</summary>
    private sealed class RouteeActor : Actor
    {
        private readonly TestProbe _probe;

        public RouteeActor(TestProbe probe)
        {
            _probe = probe;
            probe.Tell(new RouteeConstructed(Context.Self.Path));
        }

        protected internal override async Task ReceiveAsync(object message)
        {
            switch (message)
            {
                case Work { Gate: { } gate } work:
                    _probe.Tell(new Started(Context.Self.Path, work.Id));
                    await gate;
                    Complete(work);
                    break;
                case Work work:
                    Complete(work);
                    break;
                case Crash crash:
                    throw new InvalidOperationException(crash.Reason);
                default:
                    throw new ArgumentException($"Unexpected message {message}", nameof(message));
            }
        }

        private void Complete(Work work)
        {
            _probe.Tell(new Handled(Context.Self.Path, work.Id));
            Context.Respond(work.Id);
        }
    }
}
