namespace AkkaCompute.Cluster;

/// <summary>Some member's failure detector now records <paramref name="Member"/> as unreachable or terminated. Never about the observing node itself.</summary>
/// <param name="Member">The member, in its current status.</param>
public sealed record UnreachableMember(Member Member) : ReachabilityEvent(Member);
