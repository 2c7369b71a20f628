using System.Text.Json;
using System.Text.Json.Serialization;
using ActorQueue.Cluster;
using ActorQueue.Cluster.Commands;
using ActorQueue.Cluster.Directory;
using ActorQueue.Cluster.Signals;
using ActorQueue.Datasets.Sharding;

namespace ActorQueue.Akka.Serialization;

/// <summary>The source-generated JSON for <see cref="IClusterMessage"/>s (see <see cref="ClusterMessageManifests"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MemberCapabilities))]
[JsonSerializable(typeof(ModelRecord))]
[JsonSerializable(typeof(CapabilitiesRequest))]
[JsonSerializable(typeof(JobsAvailableHint))]
[JsonSerializable(typeof(JobChangesHint))]
[JsonSerializable(typeof(CancelRequestedHint))]
[JsonSerializable(typeof(ScheduleChangedHint))]
[JsonSerializable(typeof(DatasetProgressHint))]
[JsonSerializable(typeof(NudgeDataset))]
[JsonSerializable(typeof(JoinCluster))]
[JsonSerializable(typeof(JoinAnswer))]
internal sealed partial class ClusterMessageJsonContext : JsonSerializerContext;
