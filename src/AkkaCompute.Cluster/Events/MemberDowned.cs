namespace AkkaCompute.Cluster;

/// <summary>A member was marked Down. <c>Member.Status</c> is <see cref="MemberStatus.Down"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberDowned(Member Member) : MemberEvent(Member);
