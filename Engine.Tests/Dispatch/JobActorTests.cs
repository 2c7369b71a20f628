using System.Text.Json;
using ActorQueue.Dispatch;
using ActorQueue.Jobs;
using Akka.Actor;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Tests.Dispatch;

/// <summary>One actor of a queue's pool: runs one attempt at a time, turns others back, and rests after a crash.</summary>
[Trait("Category", "Unit")]
public sealed class JobActorTests : AkkaTestKit
{
    private readonly ServiceProvider _services;

    public JobActorTests()
    {
        _services = new ServiceCollection()
            .AddSingleton<Gate>()
            .AddJobHandler<GatedHandler>()
            .AddJobHandler<ThrowingHandler>()
            .AddSingleton<JobHandlerRegistry>()
            .AddSingleton(new RetryPolicy(new JobOptions()))
            .BuildServiceProvider();
    }

    private IActorRef NewActor() => Sys.ActorOf(Props.Create(() => new JobActor(
        _services.GetRequiredService<IServiceScopeFactory>(),
        _services.GetRequiredService<JobHandlerRegistry>(),
        _services.GetRequiredService<RetryPolicy>(),
        TimeProvider.System,
        new CrashBackoff(TimeProvider.System),
        NullLogger<JobActor>.Instance)));

    private static RunJob Run(string kind, string id = "job-1") => new(new RunningJob(new ClaimedJob
    {
        Id = id,
        Kind = kind,
        Queue = "default",
        Attempt = 1,
        MaxAttempts = 3,
        NodeId = "node-a",
        Epoch = 7,
    }));

    [Fact]
    public void A_finished_attempt_answers_the_puller_with_its_outcome_and_epoch()
    {
        var actor = NewActor();
        _services.GetRequiredService<Gate>().Open();

        actor.Tell(Run("gated"), TestActor);

        var finished = ExpectMsg<JobFinished>();
        var completed = Assert.IsType<JobOutcome.Completed>(finished.Outcome);
        Assert.Equal(7, completed.Epoch);
        Assert.Equal("""{"ok":true}""", completed.Result);
    }

    [Fact]
    public void An_attempt_that_reaches_a_busy_actor_is_turned_back_for_another_actor()
    {
        var actor = NewActor();
        actor.Tell(Run("gated", "first"), TestActor);

        actor.Tell(Run("gated", "second"), TestActor);

        Assert.Equal("second", ExpectMsg<JobDeclined>().Run.Job.Id);
        _services.GetRequiredService<Gate>().Open();
        Assert.Equal("first", ExpectMsg<JobFinished>().Run.Job.Id);
    }

    [Fact]
    public void A_handler_that_throws_fails_the_attempt_then_the_actor_restarts_and_takes_work_again()
    {
        var actor = NewActor();

        actor.Tell(Run("throws", "crashing"), TestActor);

        var failed = Assert.IsType<JobOutcome.Retry>(ExpectMsg<JobFinished>().Outcome);
        Assert.Contains("InvalidOperationException: boom", failed.Message);
        _services.GetRequiredService<Gate>().Open();
        AwaitAssert(() =>
        {
            actor.Tell(Run("gated", "after"), TestActor);
            var answer = ExpectMsg<object>();
            Assert.IsType<JobFinished>(answer);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_cancelled_attempt_ends_as_cancelled_on_request()
    {
        var actor = NewActor();
        var run = Run("gated");
        actor.Tell(run, TestActor);

        run.Running.Stop(StopReason.CancelRequested);

        Assert.IsType<JobOutcome.Cancelled>(ExpectMsg<JobFinished>().Outcome);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _services.Dispose();
    }

    private sealed class Gate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Opened => _open.Task;

        public void Open() => _open.TrySetResult();
    }

    private sealed class GatedHandler(Gate gate) : IJobHandler
    {
        public string Kind => "gated";

        public async ValueTask<JsonElement?> ExecuteAsync(JobContext job, CancellationToken cancellationToken)
        {
            await gate.Opened.WaitAsync(cancellationToken);
            return JsonDocument.Parse("""{"ok":true}""").RootElement;
        }
    }

    private sealed class ThrowingHandler : IJobHandler
    {
        public string Kind => "throws";

        public ValueTask<JsonElement?> ExecuteAsync(JobContext job, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}
