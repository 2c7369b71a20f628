using System.Text.Json;
using System.Text.Json.Serialization;
using ActorQueue.Cli.Bench;

namespace ActorQueue.Cli;

/// <summary>Source-generated JSON for what only the CLI prints: the bench report and <c>aq cluster tail --json</c> lines.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
