namespace AkkaCompute.Cluster;

/// <summary>A member's aggregated reachability changed (see <see cref="Reachability.IsReachable(UniqueAddress)"/>).</summary>
/// <param name="Member">The member, in its current status.</param>
public abstract record ReachabilityEvent(Member Member) : ClusterEvent;
