namespace AkkaCompute.Cluster;

/// <summary>
/// A member left the member set. <c>Member.Status</c> is <see cref="MemberStatus.Removed"/>; <paramref name="PreviousStatus"/> tells
/// whether it left gracefully (Exiting) or was downed (Down), or another status when several steps were gossiped at once.
/// </summary>
/// <param name="Member">The member with status Removed.</param>
/// <param name="PreviousStatus">Its status in the previous gossip.</param>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);
