using System.Net;
using Akka.Actor;

namespace ActorQueue.Akka;

/// <summary>
/// What this process's actor system is: its roles, where remoting listens, what other members dial, and the
/// addresses it joins. Made by <see cref="From"/>, which says in one sentence what is wrong with a setting.
/// </summary>
public sealed record AkkaNodeSettings
{
    /// <summary>The actor system's name: every member of one cluster must share it.</summary>
    public const string SystemName = "actorqueue";

    /// <summary>Role of the process that takes work over HTTP and TCP.</summary>
    public const string SeedRole = "seed";

    /// <summary>Role of a process that runs queue pools and dataset entities.</summary>
    public const string WorkerRole = "worker";

    /// <summary>The seed's remoting port in cluster mode.</summary>
    public const int DefaultSeedPort = 4053;

    public required string Host { get; init; }
    public required int Port { get; init; }
    public string? PublicHost { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Addresses to join, in order; empty: the member forms a cluster of its own (or joins what the ledger names).</summary>
    public IReadOnlyList<Address> SeedNodes { get; init; } = [];

    public required ClusterTimingOptions Timings { get; init; }

    /// <summary>How long running jobs may finish when the member leaves or stops (<c>Node:ShutdownTimeoutSeconds</c>).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool IsSeed => Roles.Contains(SeedRole);

    public bool IsWorker => Roles.Contains(WorkerRole);

    /// <summary>Checks <paramref name="options"/>; <see cref="AkkaSettingsException"/> names the setting and what to give.</summary>
    public static AkkaNodeSettings From(AkkaOptions options, ClusterTimingOptions timings, IReadOnlyList<string> roles, int defaultPort, TimeSpan drainTimeout)
    {
        var host = options.Host.Trim();
        if (host.Length == 0 || (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) == UriHostNameType.Unknown))
        {
            throw new AkkaSettingsException($"--akka-host must be an address to listen on such as 127.0.0.1 or 0.0.0.0, not '{options.Host}'.");
        }
        var port = options.Port ?? defaultPort;
        if (port is < 0 or > 65535)
        {
            throw new AkkaSettingsException($"--akka-port must be a port from 0 (any free port) to 65535, not {port}.");
        }
        var publicHost = string.IsNullOrWhiteSpace(options.PublicHost) ? null : options.PublicHost.Trim();
        if (publicHost is not null && Uri.CheckHostName(publicHost) == UriHostNameType.Unknown)
        {
            throw new AkkaSettingsException($"--akka-public-host must be a host name or address other members can dial, not '{options.PublicHost}'.");
        }
        if (timings.Problem() is { } problem)
        {
            throw new AkkaSettingsException(problem);
        }
        return new AkkaNodeSettings
        {
            Host = host,
            Port = port,
            PublicHost = publicHost,
            Roles = roles,
            SeedNodes = ParseSeedNodes(options.SeedNodes),
            Timings = timings,
            DrainTimeout = drainTimeout,
        };
    }

    /// <summary>
    /// Parses <c>akka.tcp://actorqueue@HOST:PORT</c> addresses, comma-separated. The system name must be
    /// <see cref="SystemName"/>: a member of another system could never join.
    /// </summary>
    public static IReadOnlyList<Address> ParseSeedNodes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var addresses = new List<Address>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            addresses.Add(ParseAddress(part, "--seed-node"));
        }
        return addresses;
    }

    /// <summary>One member address; <see cref="AkkaSettingsException"/> naming <paramref name="what"/> when it is not one.</summary>
    public static Address ParseAddress(string text, string what)
    {
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception exception) when (exception is UriFormatException or ArgumentException or FormatException)
        {
            throw new AkkaSettingsException($"{what} must be an address such as akka.tcp://{SystemName}@seed:{DefaultSeedPort}, not '{text}'.");
        }
        if (address.Protocol != "akka.tcp" || address.System != SystemName || address.Host is null || address.Port is null or < 1)
        {
            throw new AkkaSettingsException($"{what} must be an address such as akka.tcp://{SystemName}@seed:{DefaultSeedPort} (protocol akka.tcp, system '{SystemName}', a host and a port), not '{text}'.");
        }
        return address;
    }
}

/// <summary>A bad remoting or cluster setting; the message is the one sentence the user sees.</summary>
public sealed class AkkaSettingsException(string message) : Exception(message);
