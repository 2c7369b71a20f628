using ActorQueue.Seed.Startup;

namespace ActorQueue.Seed;

/// <summary>
/// Runs a seed node from your own program, with your own job handlers:
/// <code>
/// return await ActorQueueSeed.RunAsync(args, services => services.AddJobHandler&lt;InvoiceHandler&gt;());
/// </code>
/// The flags, environment variables and configuration keys are those of <c>Engine.Seed</c>.
/// </summary>
public static class ActorQueueSeed
{
    /// <summary>Runs until SIGTERM or Ctrl-C. Exit codes: 0 clean stop, 1 cannot start, 2 bad flags.</summary>
    public static Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null) =>
        SeedApp.RunAsync(args, configureServices);
}
