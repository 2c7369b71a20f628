using ActorQueue.Inference.Routing;
using ActorQueue.Protocol;

namespace ActorQueue.Seed.Gateway;

/// <summary>
/// The members' model records merged by name for <c>GET /api/models</c>: the description comes from a member
/// where the model is ready (else any that knows it), the states from every member.
/// </summary>
internal static class ModelViews
{
    public static ModelListView From(IEnumerable<MemberModel> models) => new(models
        .GroupBy(m => m.Model.Name, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(View)
        .ToList());

    private static ModelView View(IGrouping<string, MemberModel> model)
    {
        var best = model.OrderByDescending(m => m.Model.State == Cluster.ModelRecord.Ready).ThenByDescending(m => m.Model.Input is not null).First().Model;
        return new ModelView(
            model.Key,
            best.Input is { } input ? new ModelInputView(input, best.InputShape, best.Layout, best.Size) : null,
            best.Outputs.Select(o => new ModelOutputView(o.Name, o.Shape)).ToList(),
            best.Labels is { } labels ? new ModelLabelsView(labels, best.LabelCount) : null,
            best.MaxBatch is { } maxBatch ? new ModelBatchingView(maxBatch, best.MaxDelayMs ?? 0) : null,
            model.Select(m => new ModelNodeView(m.MemberId, m.MemberName, m.Model.State, m.Model.Error)).ToList());
    }
}
