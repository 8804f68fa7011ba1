namespace AkkaCompute.Cluster;

/// <summary>The leader moved a leaving member to Exiting. <c>Member.Status</c> is <see cref="MemberStatus.Exiting"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberExited(Member Member) : MemberEvent(Member);
