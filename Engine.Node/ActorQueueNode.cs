using ActorQueue.Node.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Node;

/// <summary>
/// Runs a worker node from your own program, with your own job handlers and row processors:
/// <code>
/// return await ActorQueueNode.RunAsync(args, services => services.AddRowProcessor&lt;BalanceProcessor&gt;());
/// </code>
/// The flags, environment variables and configuration keys are those of <c>Engine.Node</c>.
/// </summary>
public static class ActorQueueNode
{
    /// <summary>Runs until SIGTERM or Ctrl-C, or until the cluster marks this member down (exit code 1).</summary>
    public static Task<int> RunAsync(string[] args, Action<IServiceCollection>? configureServices = null) =>
        NodeApp.RunAsync(args, configureServices);
}
