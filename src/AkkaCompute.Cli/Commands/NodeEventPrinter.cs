using Akka.Actor;
using Akka.Cluster;

namespace AkkaCompute.Cli.Commands;

/// <summary>
/// Prints the node's membership events (Akka.Cluster's <see cref="ClusterEvent"/>s) as lines on stdout:
/// <c>member Up akka.tcp://akc@10.0.0.2:2552</c>, <c>member Removed ADDRESS (was Down)</c>, <c>unreachable ADDRESS</c>,
/// <c>reachable ADDRESS</c>, <c>leader ADDRESS</c> (or <c>leader none</c>).
/// </summary>
internal sealed class NodeEventPrinter : ReceiveActor
{
    public NodeEventPrinter(TextWriter stdout)
    {
        Receive<ClusterEvent.MemberRemoved>(e => stdout.WriteLine($"member Removed {e.Member.Address} (was {e.PreviousStatus})"));
        Receive<ClusterEvent.IMemberEvent>(e => stdout.WriteLine($"member {e.Member.Status} {e.Member.Address}"));
        Receive<ClusterEvent.UnreachableMember>(e => stdout.WriteLine($"unreachable {e.Member.Address}"));
        Receive<ClusterEvent.ReachableMember>(e => stdout.WriteLine($"reachable {e.Member.Address}"));
        Receive<ClusterEvent.LeaderChanged>(e => stdout.WriteLine($"leader {e.Leader?.ToString() ?? "none"}"));
    }
}

/// <summary>Starts a <see cref="NodeEventPrinter"/>.</summary>
internal static class NodeEvents
{
    /// <summary>Subscribes a printer to <paramref name="cluster"/>'s member, reachability and leader events, current state first.</summary>
    public static IActorRef Start(ActorSystem system, Cluster cluster, TextWriter stdout)
    {
        var printer = system.ActorOf(Props.Create(() => new NodeEventPrinter(stdout)), "node-events");
        cluster.Subscribe(printer, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));
        return printer;
    }
}
