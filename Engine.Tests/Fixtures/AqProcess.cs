namespace ActorQueue.Tests.Fixtures;

/// <summary>Runs the built <c>aq</c> as a separate process, the way a user types it.</summary>
internal static class AqProcess
{
    public static Task<ExecutableProcess.Result> RunAsync(params string[] args) => ExecutableProcess.RunAsync("aq.dll", args);
}
