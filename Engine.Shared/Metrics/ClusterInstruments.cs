using System.Diagnostics.Metrics;
using ActorQueue.Cluster.Directory;

namespace ActorQueue.Metrics;

/// <summary>
/// The cluster gauges (meter <c>ActorQueue.Cluster</c>), read from this process's <see cref="MembershipView"/>:
/// <c>aq_cluster_members{status}</c> (Akka's member status; the usual six always reported, zeros included) and
/// <c>aq_cluster_unreachable_members</c> (members this process's failure detector cannot reach now).
/// </summary>
public sealed class ClusterInstruments : IInstruments, IDisposable
{
    public const string MeterName = "ActorQueue.Cluster";

    private static readonly string[] Statuses = ["joining", "weaklyup", "up", "leaving", "exiting", "down", "removed"];

    private readonly Meter _meter = new(MeterName);
    private readonly MembershipView _view;

    public ClusterInstruments(MembershipView view)
    {
        _view = view;
        _meter.CreateObservableGauge("aq_cluster_members", ObserveMembers, description: "Cluster members by Akka member status, as this process sees them.");
        _meter.CreateObservableGauge("aq_cluster_unreachable_members", ObserveUnreachable,
            description: "Cluster members this process's failure detector cannot reach now.");
    }

    public Meter Meter => _meter;

    private IEnumerable<Measurement<int>> ObserveMembers()
    {
        var members = _view.Current.Members;
        foreach (var status in Statuses.Concat(members.Select(m => m.Status).Where(s => !Statuses.Contains(s)).Distinct()))
        {
            yield return new Measurement<int>(members.Count(m => m.Status == status), new KeyValuePair<string, object?>("status", status));
        }
    }

    private int ObserveUnreachable() => _view.Current.Members.Count(m => !m.Reachable);

    public void Dispose() => _meter.Dispose();
}
