namespace ActorQueue.Seed.Startup;

/// <summary>Log events of the seed's start-up: where it listens. Event ids 3100–3149; the event name is the log's "action".</summary>
internal static partial class SeedLog
{
    [LoggerMessage(3100, LogLevel.Information, "HTTP API and dashboard listening on {Url}", EventName = "HttpListening")]
    public static partial void HttpListening(ILogger logger, string url);

    [LoggerMessage(3101, LogLevel.Information, "Akka remoting listening on {Address}; worker nodes join with --seed {Url} (or --seed-node {Address})", EventName = "AkkaListening")]
    public static partial void AkkaListening(ILogger logger, string address, string url);

    [LoggerMessage(3102, LogLevel.Information, "Seed {NodeName} is ready ({Store})", EventName = "SeedReady")]
    public static partial void SeedReady(ILogger logger, string nodeName, string store);
}
