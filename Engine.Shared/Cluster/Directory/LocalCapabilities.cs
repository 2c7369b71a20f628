using System.Reflection;
using ActorQueue.Hosting;
using ActorQueue.Jobs;
using Microsoft.Extensions.Options;

namespace ActorQueue.Cluster.Directory;

/// <summary>
/// What this member advertises now: a member that runs workers names the queues it claims from (those whose
/// kinds can run here) and the kinds it can run; a seed without workers advertises none, so a seed accepts
/// only kinds some member can run.
/// </summary>
internal sealed class LocalCapabilities(NodeIdentity node, IOptions<WorkerNodeOptions> nodeOptions, LocalKinds localKinds, IModelAdvertiser? models, bool runsWorkers)
{
    public static string EngineVersion { get; } =
        typeof(LocalCapabilities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Raised when what this member can run changed (a model loaded or failed to).</summary>
    public event Action? Changed
    {
        add
        {
            localKinds.Changed += value;
            if (models is not null)
            {
                models.ModelsChanged += value;
            }
        }
        remove
        {
            localKinds.Changed -= value;
            if (models is not null)
            {
                models.ModelsChanged -= value;
            }
        }
    }

    public bool RunsWorkers => runsWorkers;

    public MemberCapabilities Current() => runsWorkers
        ? new MemberCapabilities(node.Id, node.Name, EngineVersion, node.StartedAt,
            nodeOptions.Value.EffectiveQueues.Where(q => localKinds.IsQueueOpen(q.Key)).ToDictionary(StringComparer.Ordinal),
            new Dictionary<string, string>(localKinds.Kinds, StringComparer.Ordinal),
            models?.Models ?? [])
        : new MemberCapabilities(node.Id, node.Name, EngineVersion, node.StartedAt, new Dictionary<string, int>(), new Dictionary<string, string>(), []);
}
