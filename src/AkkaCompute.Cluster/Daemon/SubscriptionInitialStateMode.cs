namespace AkkaCompute.Cluster;

/// <summary>What a new subscriber gets first (Akka's <c>ClusterEvent.SubscriptionInitialStateMode</c>).</summary>
public enum SubscriptionInitialStateMode
{
    /// <summary>One <see cref="CurrentClusterState"/> snapshot, then the events that follow it.</summary>
    InitialStateAsSnapshot,

    /// <summary>The current state replayed as events (as if diffed from an empty cluster), then the events that follow.</summary>
    InitialStateAsEvents,
}
