namespace ActorQueue.Seed.Startup;

/// <summary>
/// Turns the seed's flags into configuration keys. Known flags are checked here so that a typo stops the
/// process with one sentence instead of being silently ignored; <c>--Section:Key=value</c> passes through.
/// </summary>
internal static class SeedFlags
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["--store"] = "Store",
        ["--http"] = "Http",
        ["--tcp"] = "Tcp",
        ["--workers"] = "Workers",
        ["--api-token"] = "ApiToken",
        ["--log-format"] = "LogFormat",
        ["--name"] = "Name",
        ["--queues"] = "Queues",
        ["--model"] = "Inference:Model:Path",
        ["--labels"] = "Inference:Model:Labels",
        ["--akka-host"] = "Akka:Host",
        ["--akka-port"] = "Akka:Port",
        ["--akka-public-host"] = "Akka:PublicHost",
        ["--models"] = "Inference:Models",
    };

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "--workers" };

    public static string Usage =>
        "Usage: Engine.Seed [--store sqlite:PATH|postgres://…] [--http HOST:PORT] [--tcp HOST:PORT] [--workers[=true|false]] " +
        "[--api-token TOKEN] [--log-format text|json] [--name NAME] [--queues default=8,…] [--models DIR] [--model PATH.onnx] [--labels PATH.txt] " +
        "[--akka-host ADDRESS] [--akka-port PORT] [--akka-public-host HOST] [--Section:Key=value …]";

    /// <summary>The configuration the flags set; <see cref="SettingsException"/> for an unknown or incomplete flag.</summary>
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                throw new HelpRequestedException();
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new SettingsException($"Unexpected argument '{arg}'. {Usage}");
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;

            if (name.Contains(':', StringComparison.Ordinal))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new SettingsException($"{name} needs a value."));
                values[name[2..]] = value;
                continue;
            }
            if (!Known.TryGetValue(name, out var key))
            {
                throw new SettingsException($"Unknown option '{name}'. {Usage}");
            }
            if (inline is not null)
            {
                values[key] = inline;
            }
            else if (Switches.Contains(name) && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                values[key] = "true";
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[key] = args[++i];
            }
            else
            {
                throw new SettingsException($"{name} needs a value. {Usage}");
            }
        }
        return values;
    }
}

internal sealed class HelpRequestedException : Exception;
