namespace AkkaCompute.Cluster;

/// <summary>The leader moved a member to Up. <c>Member.Status</c> is <see cref="MemberStatus.Up"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberUp(Member Member) : MemberEvent(Member);
