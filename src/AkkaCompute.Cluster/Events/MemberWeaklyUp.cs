namespace AkkaCompute.Cluster;

/// <summary>The leader moved a joining node to WeaklyUp while convergence was blocked. <c>Member.Status</c> is <see cref="MemberStatus.WeaklyUp"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberWeaklyUp(Member Member) : MemberEvent(Member);
