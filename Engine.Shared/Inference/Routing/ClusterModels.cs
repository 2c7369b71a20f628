using ActorQueue.Cluster;
using ActorQueue.Hosting;
using ActorQueue.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Inference.Routing;

/// <summary>
/// The models of the live members (not left or down), as their membership records advertise them, plus
/// this process's own models first-hand (its record may lag). Answers from a snapshot of the other members
/// at most a few seconds old; a caller that did not find what it looked for asks again with <c>fresh</c>.
/// </summary>
internal sealed class ClusterModels(IStore store, NodeIdentity self, IServiceProvider services, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = new([], DateTimeOffset.MinValue);

    /// <summary>Every model of every live member, this process's first.</summary>
    public async Task<IReadOnlyList<MemberModel>> ListAsync(bool fresh, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (fresh || time.GetUtcNow() - snapshot.At > MaxAge)
        {
            snapshot = await RefreshAsync(snapshot, cancellationToken);
        }
        var local = services.GetService<IModelAdvertiser>()?.Models.Select(model => new MemberModel(self.Id, self.Name, model)) ?? [];
        return [.. local, .. snapshot.Models];
    }

    /// <summary>The names of the models that are loading or ready on some live member, in order.</summary>
    public static IReadOnlyList<string> Served(IEnumerable<MemberModel> models) =>
        models.Where(m => m.Model.IsServed).Select(m => m.Model.Name).Distinct().Order(StringComparer.Ordinal).ToList();

    private async Task<Snapshot> RefreshAsync(Snapshot seen, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(_snapshot, seen))
            {
                return _snapshot; // refreshed by another request meanwhile
            }
            var members = await store.ListNodesAsync(cancellationToken);
            var models = members
                .Where(m => m.Id != self.Id && m.Status is not (NodeStatus.Left or NodeStatus.Down))
                .SelectMany(m => m.Models.Select(model => new MemberModel(m.Id, m.Name, model)))
                .ToList();
            return _snapshot = new Snapshot(models, time.GetUtcNow());
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record Snapshot(IReadOnlyList<MemberModel> Models, DateTimeOffset At);
}
