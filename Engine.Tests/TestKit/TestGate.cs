namespace ActorQueue.Tests.TestKit;

/// <summary>
/// A gate an actor's handler can wait on. Disposing opens it, so declare it with <c>using</c>
/// after the actor system: a failing test then releases the handler before the system's
/// disposal waits for the current message, instead of hanging.
/// </summary>
public sealed class TestGate : IDisposable
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the gate opens.</summary>
    public Task Task => _opened.Task;

    public void Open() => _opened.TrySetResult();

    public void Dispose() => Open();
}
