namespace AkkaCompute.Cluster;

/// <summary>A member that was unreachable is reachable again for every observer. Never about the observing node itself.</summary>
/// <param name="Member">The member, in its current status.</param>
public sealed record ReachableMember(Member Member) : ReachabilityEvent(Member);
