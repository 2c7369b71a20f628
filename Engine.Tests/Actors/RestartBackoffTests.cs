using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class RestartBackoffTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private static readonly SupervisorStrategy Strategy = new()
    {
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(10),
    };

    private readonly TestProbe _probe = new();
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task RestartBackoff_GrowsExponentially_OnTheInjectedClock()
    {
        await using var system = new ActorSystem("test", _clock);
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe).WithSupervisor(Strategy), "flaky");
        await ExpectStartedAsync(1);

        // The n-th consecutive restart waits 100 ms * 2^(n-1) ± 20%: [80, 120), [160, 240), [320, 480).
        // Each "quiet" point lies beyond the previous restart's longest backoff.
        await CrashAndExpectRestartAsync(actor, 2, quietAt: Ms(79), restartedBy: Ms(120));
        await CrashAndExpectRestartAsync(actor, 3, quietAt: Ms(150), restartedBy: Ms(240));
        await CrashAndExpectRestartAsync(actor, 4, quietAt: Ms(310), restartedBy: Ms(480));
        Assert.Equal(3, system.RestartCount(actor));
    }

    [Fact]
    public async Task RestartBackoff_StartsAgainFromTheMinimum_AfterASuccessfulMessage()
    {
        await using var system = new ActorSystem("test", _clock);
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe).WithSupervisor(Strategy), "flaky");
        await ExpectStartedAsync(1);
        await CrashAndExpectRestartAsync(actor, 2, quietAt: Ms(79), restartedBy: Ms(120));

        await actor.TellAsync(new Increment());
        await _probe.ExpectMsgAsync(new Counted(2, 1));

        // Without the reset this second restart would wait at least 160 ms.
        await CrashAndExpectRestartAsync(actor, 3, quietAt: Ms(79), restartedBy: Ms(120));
    }

    [Fact]
    public void ComputeBackoff_DoublesPerConsecutiveRestart_IsCappedAtTheMaximum_AndJittersWithinTwentyPercent()
    {
        var strategy = new SupervisorStrategy { MinBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromSeconds(5) };

        Assert.Equal(10, RestartBudget.ComputeBackoff(strategy, 1, 0.5).TotalMilliseconds, 3);
        Assert.Equal(20, RestartBudget.ComputeBackoff(strategy, 2, 0.5).TotalMilliseconds, 3);
        Assert.Equal(40, RestartBudget.ComputeBackoff(strategy, 3, 0.5).TotalMilliseconds, 3);
        Assert.Equal(8, RestartBudget.ComputeBackoff(strategy, 1, 0.0).TotalMilliseconds, 3);
        Assert.InRange(RestartBudget.ComputeBackoff(strategy, 1, 0.999).TotalMilliseconds, 11.9, 12);
        Assert.Equal(5000, RestartBudget.ComputeBackoff(strategy, 50, 0.5).TotalMilliseconds, 3);
        Assert.Equal(5000, RestartBudget.ComputeBackoff(strategy, 50, 0.999).TotalMilliseconds, 3);
        Assert.Equal(4000, RestartBudget.ComputeBackoff(strategy, 50, 0.0).TotalMilliseconds, 3);
    }

    private async Task CrashAndExpectRestartAsync(IActorRef actor, int next, TimeSpan quietAt, TimeSpan restartedBy)
    {
        await actor.TellAsync(new Crash("boom"));
        await _probe.ExpectMsgAsync(new PostStopped(next - 1));
        await _clock.WaitForPendingTimersAsync();

        _clock.Advance(quietAt);
        await _probe.ExpectNoMsgAsync(Quiet);

        _clock.Advance(restartedBy - quietAt);
        await ExpectStartedAsync(next);
    }

    private async Task ExpectStartedAsync(int instance)
    {
        await _probe.ExpectMsgAsync(new Constructed(instance));
        await _probe.ExpectMsgAsync(new PreStarted(instance));
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
