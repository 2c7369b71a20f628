using System.Text.Json;
using System.Text.Json.Serialization;
using ActorQueue.Cluster;
using ActorQueue.Jobs;

namespace ActorQueue.Storage;

/// <summary>JSON persisted inside rows: the per-attempt error history, a node's queues, kinds and models.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<JobError>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<ModelRecord>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
