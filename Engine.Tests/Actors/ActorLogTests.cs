using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;
using Microsoft.Extensions.Logging;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class ActorLogTests
{
    [Fact]
    public async Task RestartsAndEscalations_AreLoggedWithStableEventIds()
    {
        var probe = new TestProbe();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var system = new ActorSystem("test", loggerFactory: loggerFactory);
        var escalated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Escalated += (_, _) => escalated.TrySetResult();
        var actor = system.ActorOf(LifecycleActor.NumberedProps(probe).WithSupervisor(new SupervisorStrategy { MaxRestarts = 1 }), "flaky");

        await actor.TellAsync(new Crash("first"));
        await actor.TellAsync(new Crash("second"));
        await escalated.Task.WaitAsync(TestProbe.DefaultTimeout);

        var entries = logs.Entries.Where(e => e.Category == "ActorQueue.Actors").ToList();
        var restarted = Assert.Single(entries, e => e.EventId.Id == 1000);
        Assert.Equal(("ActorRestarted", LogLevel.Warning, "first"), (restarted.EventId.Name, restarted.Level, restarted.Exception?.Message));
        Assert.Contains("/user/flaky", restarted.Message, StringComparison.Ordinal);
        var escalation = Assert.Single(entries, e => e.EventId.Id == 1001);
        Assert.Equal(("ActorEscalated", LogLevel.Error, "second"), (escalation.EventId.Name, escalation.Level, escalation.Exception?.Message));
    }
}
