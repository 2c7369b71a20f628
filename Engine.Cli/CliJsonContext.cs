using System.Text.Json;
using System.Text.Json.Serialization;
using ActorQueue.Cli.Bench;
using ActorQueue.Cli.Client;

namespace ActorQueue.Cli;

/// <summary>
/// Source-generated JSON for what only the CLI prints (the bench report, <c>aq cluster tail --json</c> lines)
/// and the one answer it reads without a wire type (a page of dataset results, whose outputs are raw JSON).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(DatasetResultsPage))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
