using System.Text.Json;
using System.Text.Json.Serialization;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>JSON persisted inside rows: the per-attempt error history and a node's queues.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<JobError>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
