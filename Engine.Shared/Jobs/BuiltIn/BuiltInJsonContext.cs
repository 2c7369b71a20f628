using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Jobs.BuiltIn;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SleepResult))]
[JsonSerializable(typeof(FailResult))]
internal sealed partial class BuiltInJsonContext : JsonSerializerContext;
