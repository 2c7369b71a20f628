using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Datasets.Persistence;

/// <summary>The source-generated JSON of what dataset entities persist (see <see cref="DatasetJournalManifests"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchApplied))]
[JsonSerializable(typeof(DatasetSnapshot))]
internal sealed partial class DatasetJournalJsonContext : JsonSerializerContext;
