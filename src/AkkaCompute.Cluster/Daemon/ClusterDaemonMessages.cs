using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Daemon;

/// <summary>The daemon's timer message: run <c>ClusterCore.Tick</c>. A singleton.</summary>
internal sealed class ClusterTick
{
    private ClusterTick()
    {
    }

    public static ClusterTick Instance { get; } = new();
}

/// <summary>Join the cluster that <paramref name="Address"/> belongs to.</summary>
internal sealed record JoinCommand(Address Address);

/// <summary>Join through these seed nodes (restarts the seed process while this node is not yet a member).</summary>
internal sealed record JoinSeedNodesCommand(IReadOnlyList<Address> SeedNodes);

/// <summary>Ask <paramref name="Address"/> to leave gracefully.</summary>
internal sealed record LeaveCommand(Address Address);

/// <summary>Mark <paramref name="Address"/> Down.</summary>
internal sealed record DownCommand(Address Address);

/// <summary>Subscribe <paramref name="Subscriber"/> to events of <paramref name="Types"/>.</summary>
internal sealed record SubscribeCommand(IActorRef Subscriber, SubscriptionInitialStateMode Mode, IReadOnlyList<Type> Types);

/// <summary>Remove <paramref name="Subscriber"/>'s subscription to <paramref name="Type"/>, or all of them when null.</summary>
internal sealed record UnsubscribeCommand(IActorRef Subscriber, Type? Type);

/// <summary>Send a <see cref="CurrentClusterState"/> to <paramref name="Receiver"/>.</summary>
internal sealed record SendCurrentStateCommand(IActorRef Receiver);

/// <summary>Coordinated shutdown's <c>cluster-exiting</c> phase: tick once more (so the Exiting gossip goes out), then reply <see cref="Done"/>.</summary>
internal sealed class ExitingCompletedCommand
{
    private ExitingCompletedCommand()
    {
    }

    public static ExitingCompletedCommand Instance { get; } = new();
}
