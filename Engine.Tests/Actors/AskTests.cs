using ActorQueue.Actors;
using ActorQueue.Tests.TestKit;

namespace ActorQueue.Tests.Actors;

[Trait("Category", "Unit")]
public sealed class AskTests
{
    private readonly TestProbe _probe = new();

    [Fact]
    public async Task Ask_ReturnsTheResponse()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "echo");

        var reply = await actor.AskAsync<string>(new Echo("pong"), TestProbe.DefaultTimeout);

        Assert.Equal("pong", reply);
    }

    [Fact]
    public async Task Ask_WithoutAResponse_TimesOutWithAskTimeoutException_AndTheActorKeepsWorking()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "silent");

        var error = await Assert.ThrowsAsync<AskTimeoutException>(
            () => actor.AskAsync<string>(new Silent(), TimeSpan.FromMilliseconds(200)));

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal("still here", await actor.AskAsync<string>(new Echo("still here"), TestProbe.DefaultTimeout));
    }

    [Fact]
    public async Task Ask_ToAnActorThatThrows_FailsWithActorFailedExceptionCarryingTheOriginal()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "thrower");
        var original = new FormatException("bad payload");

        var error = await Assert.ThrowsAsync<ActorFailedException>(
            () => actor.AskAsync<string>(new Fail(original), TestProbe.DefaultTimeout));

        Assert.Same(original, error.InnerException);
    }

    [Fact]
    public async Task Ask_WithAReplyOfAnotherType_FailsWithInvalidCastException()
    {
        await using var system = new ActorSystem("test");
        var actor = system.ActorOf(LifecycleActor.NumberedProps(_probe), "echo");

        await Assert.ThrowsAsync<InvalidCastException>(() => actor.AskAsync<int>(new Echo("not a number"), TestProbe.DefaultTimeout));
    }
}
