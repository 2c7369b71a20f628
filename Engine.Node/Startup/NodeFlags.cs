using ActorQueue.Hosting;

namespace ActorQueue.Node.Startup;

/// <summary>The node's flags as configuration keys; an unknown flag stops the process with one sentence.</summary>
internal static class NodeFlags
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["--seed"] = "Seed",
        ["--store"] = "Store",
        ["--name"] = "Name",
        ["--queues"] = "Queues",
        ["--log-format"] = "LogFormat",
        ["--api-token"] = "ApiToken",
        ["--model"] = "Inference:Model:Path",
        ["--labels"] = "Inference:Model:Labels",
        ["--seed-node"] = "Akka:SeedNodes",
        ["--akka-host"] = "Akka:Host",
        ["--akka-port"] = "Akka:Port",
        ["--akka-public-host"] = "Akka:PublicHost",
        ["--models"] = "Inference:Models",
    };

    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                throw new NodeFlagException(NodeApp.Usage, isHelp: true);
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new NodeFlagException($"Unexpected argument '{arg}'. {NodeApp.Usage}");
            }
            var value = equals > 0 ? arg[(equals + 1)..]
                : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : throw new NodeFlagException($"{name} needs a value. {NodeApp.Usage}");
            if (name.Contains(':', StringComparison.Ordinal))
            {
                values[name[2..]] = value;
            }
            else if (Known.TryGetValue(name, out var key))
            {
                values[key] = value;
            }
            else
            {
                throw new NodeFlagException($"Unknown option '{name}'. {NodeApp.Usage}");
            }
        }
        if (values.TryGetValue("Queues", out var queues) && queues is not null)
        {
            try
            {
                foreach (var (queue, size) in WorkerNodeOptions.ParseQueues(queues))
                {
                    values[$"{WorkerNodeOptions.Section}:Queues:{queue}"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (FormatException exception)
            {
                throw new NodeFlagException(exception.Message);
            }
        }
        return values;
    }
}

internal sealed class NodeFlagException(string message, bool isHelp = false) : Exception(message)
{
    public bool IsHelp { get; } = isHelp;
}
