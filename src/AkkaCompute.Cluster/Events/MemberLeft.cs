namespace AkkaCompute.Cluster;

/// <summary>A member is leaving (status Leaving). <c>Member.Status</c> is <see cref="MemberStatus.Leaving"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberLeft(Member Member) : MemberEvent(Member);
