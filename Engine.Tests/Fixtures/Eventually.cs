namespace ActorQueue.Tests.Fixtures;

/// <summary>Like TestKit's AwaitAssert, for state seen through another process's API.</summary>
internal static class Eventually
{
    /// <summary>Looks again every 100 ms until <paramref name="condition"/> holds, failing the test after 30 s with <paramref name="diagnostics"/>.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, Func<string>? diagnostics = null) =>
        HoldsAsync(condition, what, TimeSpan.FromSeconds(30), diagnostics);

    /// <summary>As above, failing the test after <paramref name="budget"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan budget, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + budget;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}. {diagnostics?.Invoke()}");
            await Task.Delay(100); // the probe's polling interval, not a wait for something to happen
        }
    }
}
