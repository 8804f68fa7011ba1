namespace AkkaCompute.Cluster;

/// <summary>
/// A member's status changed. <see cref="Member"/> carries the new status (for <see cref="MemberRemoved"/>: Removed). Record equality
/// compares the member by unique address only (see <see cref="AkkaCompute.Cluster.Member"/>); compare <c>Member.Status</c> explicitly when it matters.
/// </summary>
/// <param name="Member">The member in its new state.</param>
public abstract record MemberEvent(Member Member) : ClusterEvent;
