using ActorQueue.Cluster;
using ActorQueue.Cluster.Directory;
using ActorQueue.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Inference.Routing;

/// <summary>
/// The models of the live members, as they advertise them in their <see cref="MemberCapabilities"/> (the
/// cluster directory keeps them current), plus this process's own models first-hand.
/// </summary>
internal sealed class ClusterModels(MembershipView view, NodeIdentity self, IServiceProvider services)
{
    /// <summary>Every model of every live member, this process's first.</summary>
    public IReadOnlyList<MemberModel> List()
    {
        var local = services.GetService<IModelAdvertiser>()?.Models.Select(model => new MemberModel(self.Id, self.Name, model)) ?? [];
        var snapshot = view.Current;
        var others = snapshot.Members
            .Where(m => m.IsLive && m.Id != snapshot.SelfId && m.Capabilities is not null)
            .SelectMany(m => m.Capabilities!.Models.Select(model => new MemberModel(m.Id, m.Name, model)));
        return [.. local, .. others];
    }

    /// <summary>The names of the models that are loading or ready on some live member, in order.</summary>
    public static IReadOnlyList<string> Served(IEnumerable<MemberModel> models) =>
        models.Where(m => m.Model.IsServed).Select(m => m.Model.Name).Distinct().Order(StringComparer.Ordinal).ToList();
}
