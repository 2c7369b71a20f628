using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorQueue.Protocol;

/// <summary>The one source-generated serializer context for every wire type.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = false)]
[JsonSerializable(typeof(SubmitJobRequest))]
[JsonSerializable(typeof(SubmitJobResponse))]
[JsonSerializable(typeof(SubmitBatchRequest))]
[JsonSerializable(typeof(SubmitBatchResponse))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobErrorView))]
[JsonSerializable(typeof(List<JobErrorView>))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(RetryAllResponse))]
[JsonSerializable(typeof(JobEventView))]
[JsonSerializable(typeof(TcpRequest))]
[JsonSerializable(typeof(TcpResponse))]
[JsonSerializable(typeof(ProblemView))]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(MemberView))]
[JsonSerializable(typeof(ShardingView))]
[JsonSerializable(typeof(MemberActionResponse))]
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(DownUnreachableResponse))]
[JsonSerializable(typeof(MembershipEventView))]
[JsonSerializable(typeof(CreateDatasetRequest))]
[JsonSerializable(typeof(ResumeDatasetRequest))]
[JsonSerializable(typeof(DatasetView))]
[JsonSerializable(typeof(DatasetListResponse))]
[JsonSerializable(typeof(AppendRowsResponse))]
[JsonSerializable(typeof(DatasetResultsView))]
[JsonSerializable(typeof(ThumbnailJobPayload))]
[JsonSerializable(typeof(ThumbnailJobResult))]
[JsonSerializable(typeof(ClassifyJobPayload))]
[JsonSerializable(typeof(ClassifyJobResult))]
[JsonSerializable(typeof(ModelListView))]
[JsonSerializable(typeof(DashboardSnapshot))]
public sealed partial class WireJsonContext : JsonSerializerContext;
