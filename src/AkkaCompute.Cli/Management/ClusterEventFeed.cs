using System.Globalization;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// An actor that subscribes to Akka.Cluster's member, reachability and leader events (the current state first, as events) and writes
/// them as <see cref="ClusterEventDto"/>s into a bounded channel of <see cref="Capacity"/> entries; when the reader falls that far behind,
/// the oldest are dropped (the channel is made so by its creator). It unsubscribes and completes the channel when stopped. One per
/// <c>GET /cluster/events</c> request.
/// </summary>
internal sealed class ClusterEventFeed : ReceiveActor
{
    /// <summary>Events buffered for a slow reader: 1,000.</summary>
    public const int Capacity = 1000;

    private readonly Cluster _cluster;
    private readonly ChannelWriter<ClusterEventDto> _writer;

    /// <summary>Creates the feed, writing into <paramref name="writer"/>.</summary>
    public ClusterEventFeed(Cluster cluster, ChannelWriter<ClusterEventDto> writer)
    {
        _cluster = cluster;
        _writer = writer;
        Receive<ClusterEvent.MemberRemoved>(e => Write("member", e.Member.Address.ToString(), "Removed", e.PreviousStatus.ToString()));
        Receive<ClusterEvent.IMemberEvent>(e => Write("member", e.Member.Address.ToString(), e.Member.Status.ToString(), null));
        Receive<ClusterEvent.UnreachableMember>(e => Write("unreachable", e.Member.Address.ToString(), null, null));
        Receive<ClusterEvent.ReachableMember>(e => Write("reachable", e.Member.Address.ToString(), null, null));
        Receive<ClusterEvent.LeaderChanged>(e => Write("leader", e.Leader?.ToString(), null, null));
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _writer.TryComplete();
    }

    private void Write(string kind, string? address, string? status, string? previous) =>
        _writer.TryWrite(new ClusterEventDto(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), kind, address, status, previous));
}
