namespace AkkaCompute.Cluster;

/// <summary>A node is joining (status Joining). <c>Member.Status</c> is <see cref="MemberStatus.Joining"/>.</summary>
/// <param name="Member">The member in its new state.</param>
public sealed record MemberJoined(Member Member) : MemberEvent(Member);
