namespace ActorQueue.Cli.Commands;

/// <summary>Bad usage found after parsing (exit code 2); the message says what to fix.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
