namespace AkkaCompute.Cluster;

/// <summary>
/// A member's place in the membership lifecycle, as Akka's <c>MemberStatus</c>. The numeric values follow the lifecycle
/// order (a member only ever moves to a higher value; see <see cref="MemberStatusTransitions"/>); they are not Akka's wire
/// values, so a wire format must map them explicitly.
/// </summary>
public enum MemberStatus
{
    /// <summary>The node asked to join; the leader moves it to <see cref="Up"/> on convergence.</summary>
    Joining = 0,

    /// <summary>Joined while convergence was blocked by unreachable members; promoted to <see cref="Up"/> on convergence.</summary>
    WeaklyUp = 1,

    /// <summary>A full member.</summary>
    Up = 2,

    /// <summary>The node asked to leave gracefully; the leader moves it to <see cref="Exiting"/> on convergence.</summary>
    Leaving = 3,

    /// <summary>The node is shutting down after leaving; the leader removes it.</summary>
    Exiting = 4,

    /// <summary>The node was declared dead (by an operator or the split-brain resolver); the leader removes it once it is unreachable.</summary>
    Down = 5,

    /// <summary>The node is no longer a member. Never kept in a <see cref="Gossip"/>'s member set; seen only in <see cref="MemberRemoved"/> events.</summary>
    Removed = 6,
}
