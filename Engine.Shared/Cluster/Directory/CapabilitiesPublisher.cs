using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorQueue.Cluster.Directory;

/// <summary>
/// This member's voice in the directory (at <c>/user/capabilities</c>): publishes its
/// <see cref="MemberCapabilities"/> when it starts and whenever they change, and answers a
/// <see cref="CapabilitiesRequest"/> from a directory that joined later or missed a publication.
/// </summary>
internal sealed class CapabilitiesPublisher : ReceiveActor
{
    public const string Name = "capabilities";

    private readonly LocalCapabilities _local;
    private readonly IActorRef _mediator;
    private readonly Action _onChanged;

    public CapabilitiesPublisher(LocalCapabilities local)
    {
        _local = local;
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        var self = Self;
        _onChanged = () => self.Tell(Republish.Instance);
        Receive<CapabilitiesRequest>(_ => Sender.Tell(_local.Current()));
        Receive<Republish>(_ => Publish());
    }

    protected override void PreStart()
    {
        _local.Changed += _onChanged;
        Publish();
    }

    protected override void PostStop()
    {
        _local.Changed -= _onChanged;
        base.PostStop();
    }

    private void Publish() => _mediator.Tell(new Publish(MemberCapabilities.Topic, _local.Current()));

    private sealed record Republish
    {
        public static readonly Republish Instance = new();
    }
}
