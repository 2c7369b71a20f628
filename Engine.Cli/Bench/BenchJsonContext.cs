using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Cli.Bench;

/// <summary>Source-generated JSON for the bench report (<c>aq bench --json</c>); the CLI's only type not on the wire.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
