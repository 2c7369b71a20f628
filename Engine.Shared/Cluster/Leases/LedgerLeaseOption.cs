using System.Globalization;
using Akka.Actor.Setup;
using Akka.Hosting;
using Akka.Hosting.Coordination;

namespace ActorQueue.Cluster.Leases;

/// <summary>
/// The Akka.Hosting option that makes <see cref="LedgerLease"/> the split-brain resolver's lease. Its time
/// to live is short (10 s): a side that took it and then died must not keep the survivors from deciding for long.
/// </summary>
internal sealed class LedgerLeaseOption : LeaseOptionBase
{
    public override string ConfigPath => "actorqueue.ledger-lease";

    public override Type Class => typeof(LedgerLease);

    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public override void Apply(AkkaConfigurationBuilder builder, Setup? setup = null) =>
        builder.AddHocon($$"""
            {{ConfigPath}} {
              lease-class = "{{Class.AssemblyQualifiedName}}"
              heartbeat-timeout = {{Ms(HeartbeatTimeout)}}
              heartbeat-interval = {{Ms(HeartbeatInterval)}}
              lease-operation-timeout = {{Ms(OperationTimeout)}}
            }
            """, HoconAddMode.Prepend);

    private static string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
