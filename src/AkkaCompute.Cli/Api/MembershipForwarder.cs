using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Cli.Api.Dtos;

namespace AkkaCompute.Cli.Api;

/// <summary>Subscribes to Akka.Cluster's member and reachability events and hands each to the <see cref="ApiEventHub"/> as a <see cref="MemberEventDto"/>.</summary>
internal sealed class MembershipForwarder : ReceiveActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    /// <summary>Creates the actor.</summary>
    public MembershipForwarder(ApiEventHub hub, TimeProvider clock)
    {
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<ClusterEvent.IMemberEvent>(e => hub.PublishMember(new MemberEventDto(e.Member.Address.ToString(), Name(e), e.Member.Status.ToString(), clock.GetUtcNow())));
        Receive<ClusterEvent.UnreachableMember>(e => hub.PublishMember(new MemberEventDto(e.Member.Address.ToString(), "unreachable", e.Member.Status.ToString(), clock.GetUtcNow())));
        Receive<ClusterEvent.ReachableMember>(e => hub.PublishMember(new MemberEventDto(e.Member.Address.ToString(), "reachable", e.Member.Status.ToString(), clock.GetUtcNow())));
    }

    /// <summary>Props for the actor.</summary>
    public static Props Props(ApiEventHub hub, TimeProvider clock) => Akka.Actor.Props.Create(() => new MembershipForwarder(hub, clock));

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private static string Name(ClusterEvent.IMemberEvent e) => e switch
    {
        ClusterEvent.MemberUp => "up",
        ClusterEvent.MemberJoined => "joined",
        ClusterEvent.MemberLeft => "left",
        ClusterEvent.MemberExited => "exited",
        ClusterEvent.MemberDowned => "downed",
        ClusterEvent.MemberRemoved => "removed",
        _ => e.GetType().Name,
    };
}
