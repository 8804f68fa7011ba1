using Akka.Actor;
using Akka.Cluster;

namespace AkkaCompute.Cli.Management;

/// <summary>A change in the cluster as the node's feeds show it (<c>GET /cluster/events</c>, the REST API's events stream).</summary>
/// <param name="At">When this node saw it.</param>
/// <param name="Kind"><c>member</c>, <c>unreachable</c>, <c>reachable</c> or <c>leader</c>.</param>
/// <param name="Event">The event's name: <c>joined</c>, <c>up</c>, <c>left</c>, <c>exited</c>, <c>downed</c>, <c>removed</c>,
/// <c>unreachable</c>, <c>reachable</c> or <c>leader</c>.</param>
/// <param name="Address">The member's address (the new leader's for <c>leader</c>; null when there is none).</param>
/// <param name="Status">The member's status (<c>Up</c>, ..., <c>Removed</c>); null for <c>leader</c>.</param>
/// <param name="Previous">For <c>removed</c>: the status it had before; else null.</param>
internal sealed record ClusterChange(DateTimeOffset At, string Kind, string Event, string? Address, string? Status, string? Previous);

/// <summary>
/// Subscribes to Akka.Cluster's member, reachability and leader events and hands each to a sink as a <see cref="ClusterChange"/>:
/// the one source of the control endpoint's <c>cluster tail</c> feed and of the REST API's membership events. The current
/// state comes first, as events, when asked; else only what happens from now. It unsubscribes, and calls <c>stopped</c>, when stopped.
/// </summary>
internal sealed class ClusterEventSource : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly bool _currentStateFirst;
    private readonly Action? _stopped;

    /// <summary>Creates the source.</summary>
    /// <param name="cluster">The node's cluster.</param>
    /// <param name="clock">Stamps each change.</param>
    /// <param name="currentStateFirst">True: the members as they are now come first, as events.</param>
    /// <param name="sink">Receives each change, on the actor's thread.</param>
    /// <param name="stopped">Called once the actor stopped; may be null.</param>
    public ClusterEventSource(Cluster cluster, TimeProvider clock, bool currentStateFirst, Action<ClusterChange> sink, Action? stopped = null)
    {
        _cluster = cluster;
        _currentStateFirst = currentStateFirst;
        _stopped = stopped;
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<ClusterEvent.MemberRemoved>(e => sink(new ClusterChange(clock.GetUtcNow(), "member", "removed", e.Member.Address.ToString(), "Removed", e.PreviousStatus.ToString())));
        Receive<ClusterEvent.IMemberEvent>(e => sink(new ClusterChange(clock.GetUtcNow(), "member", Name(e), e.Member.Address.ToString(), e.Member.Status.ToString(), null)));
        Receive<ClusterEvent.UnreachableMember>(e => sink(new ClusterChange(clock.GetUtcNow(), "unreachable", "unreachable", e.Member.Address.ToString(), e.Member.Status.ToString(), null)));
        Receive<ClusterEvent.ReachableMember>(e => sink(new ClusterChange(clock.GetUtcNow(), "reachable", "reachable", e.Member.Address.ToString(), e.Member.Status.ToString(), null)));
        Receive<ClusterEvent.LeaderChanged>(e => sink(new ClusterChange(clock.GetUtcNow(), "leader", "leader", e.Leader?.ToString(), null, null)));
    }

    /// <summary>Props for the source (see the constructor).</summary>
    public static Props Props(Cluster cluster, TimeProvider clock, bool currentStateFirst, Action<ClusterChange> sink, Action? stopped = null) =>
        Akka.Actor.Props.Create(() => new ClusterEventSource(cluster, clock, currentStateFirst, sink, stopped));

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self,
            _currentStateFirst ? ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents : ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _stopped?.Invoke();
    }

    /// <summary>The event's name (MemberRemoved has its own handler, with the status the member had before).</summary>
    private static string Name(ClusterEvent.IMemberEvent e) => e switch
    {
        ClusterEvent.MemberUp => "up",
        ClusterEvent.MemberJoined => "joined",
        ClusterEvent.MemberLeft => "left",
        ClusterEvent.MemberExited => "exited",
        ClusterEvent.MemberDowned => "downed",
        _ => e.GetType().Name,
    };
}
