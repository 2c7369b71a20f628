using ActorQueue.Cluster;

namespace ActorQueue.Inference.Routing;

/// <summary>One model as one live member advertises it.</summary>
internal sealed record MemberModel(string MemberId, string MemberName, ModelRecord Model);
