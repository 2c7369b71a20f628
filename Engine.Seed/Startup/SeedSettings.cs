using ActorQueue.Hosting;
using ActorQueue.Inference.Repository;
using ActorQueue.Storage;

namespace ActorQueue.Seed.Startup;

/// <summary>The seed's own settings, from flags, <c>AQ_*</c> environment variables or appsettings.json.</summary>
internal sealed record SeedSettings
{
    public required string Store { get; init; }
    public required HostPort Http { get; init; }
    public required HostPort Tcp { get; init; }
    public bool Workers { get; init; }
    public string? ApiToken { get; init; }
    public string LogFormat { get; init; } = "text";
    public string Name { get; init; } = Environment.MachineName;
    public Dictionary<string, int>? Queues { get; init; }
    public long MaxRequestBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Reads and checks every setting; <see cref="SettingsException"/> says what is wrong in one sentence.</summary>
    public static SeedSettings From(IConfiguration configuration)
    {
        var store = Value(configuration, "Store") ?? StoreFactory.DefaultStore;
        var sqlite = StoreFactory.IsSqlite(store);
        var logFormat = (Value(configuration, "LogFormat") ?? "text").ToLowerInvariant();
        if (logFormat is not ("text" or "json"))
        {
            throw new SettingsException($"--log-format must be text or json, not '{logFormat}'.");
        }
        var queues = Value(configuration, "Queues");
        if (ModelRepository.Check(configuration) is { } missing)
        {
            throw new SettingsException(missing);
        }
        return new SeedSettings
        {
            Store = store,
            Http = HostPort.Parse(Value(configuration, "Http") ?? "127.0.0.1:8080", "--http"),
            Tcp = HostPort.Parse(Value(configuration, "Tcp") ?? "127.0.0.1:7070", "--tcp"),
            Workers = Bool(Value(configuration, "Workers"), "--workers") ?? sqlite,
            ApiToken = Value(configuration, "ApiToken") is { Length: > 0 } token ? token : null,
            LogFormat = logFormat,
            Name = Value(configuration, "Name") ?? Environment.MachineName,
            Queues = queues is null ? null : ParseQueues(queues),
            MaxRequestBytes = Long(Value(configuration, "Http:MaxRequestBytes"), "Http:MaxRequestBytes") ?? 16 * 1024 * 1024,
        };
    }

    /// <summary>A setting by its configuration key, or by the <c>AQ_UPPER_SNAKE</c> environment form.</summary>
    private static string? Value(IConfiguration configuration, string key) =>
        configuration[key] ?? configuration[ToSnake(key)];

    private static string ToSnake(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) && key[i - 1] != ':' ? "_" + c : c.ToString())).ToUpperInvariant();

    private static bool? Bool(string? text, string flag) => text?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "1" or "yes" or "on" or "" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new SettingsException($"{flag} must be true or false, not '{text}'."),
    };

    private static long? Long(string? text, string flag) =>
        text is null ? null
        : long.TryParse(text, out var value) && value > 0 ? value
        : throw new SettingsException($"{flag} must be a positive whole number, not '{text}'.");

    private static Dictionary<string, int> ParseQueues(string text)
    {
        try
        {
            return WorkerNodeOptions.ParseQueues(text);
        }
        catch (FormatException exception)
        {
            throw new SettingsException(exception.Message);
        }
    }
}

/// <summary>A listen address such as <c>127.0.0.1:8080</c>, <c>0.0.0.0:8080</c> or <c>http://localhost:8080</c>.</summary>
internal sealed record HostPort(string Host, int Port)
{
    public static HostPort Parse(string text, string flag)
    {
        var value = text.Trim();
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            value = value["http://".Length..].TrimEnd('/');
        }
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new SettingsException($"{flag} must be HOST:PORT such as 127.0.0.1:8080, not '{text}'.");
        }
        var host = value[..colon].Trim('[', ']');
        if (host != "localhost" && !System.Net.IPAddress.TryParse(host, out _))
        {
            throw new SettingsException($"{flag}: '{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or localhost).");
        }
        return new HostPort(host, port);
    }

    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>A bad flag or setting; the message is the one sentence the user sees.</summary>
internal sealed class SettingsException(string message) : Exception(message);
