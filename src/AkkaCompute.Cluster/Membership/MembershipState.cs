namespace AkkaCompute.Cluster;

/// <summary>
/// One node's view of the cluster: its latest <see cref="Gossip"/> and its own <see cref="UniqueAddress"/>, as Akka's
/// <c>MembershipState</c>. The queries that depend on who is asking (leader, convergence, own member) live here.
/// </summary>
/// <param name="LatestGossip">The node's current gossip.</param>
/// <param name="SelfUniqueAddress">The node's identity.</param>
public sealed record MembershipState(Gossip LatestGossip, UniqueAddress SelfUniqueAddress)
{
    /// <summary>This node's member, or a <see cref="Member.Removed"/> placeholder when it is not (yet, or any more) a member.</summary>
    public Member SelfMember => LatestGossip.GetMember(SelfUniqueAddress);

    /// <summary>The members of the latest gossip.</summary>
    public System.Collections.Immutable.ImmutableSortedSet<Member> Members => LatestGossip.Members;

    /// <summary>The leader as seen from this node (see <see cref="Gossip.Leader"/>), or null.</summary>
    public UniqueAddress? Leader => LatestGossip.Leader(SelfUniqueAddress);

    /// <summary>True when <paramref name="node"/> is the leader as seen from this node.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool IsLeader(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Equals(Leader);
    }

    /// <summary>The leader among the members with <paramref name="role"/>, or null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> is null.</exception>
    public UniqueAddress? RoleLeader(string role) => LatestGossip.RoleLeader(role, SelfUniqueAddress);

    /// <summary>Convergence as seen from this node (see <see cref="Gossip.Convergence"/>).</summary>
    public bool Convergence(IReadOnlySet<UniqueAddress>? exitingConfirmed = null) =>
        LatestGossip.Convergence(SelfUniqueAddress, exitingConfirmed);

    /// <summary>This state with the gossip marked as seen by this node.</summary>
    public MembershipState Seen() => this with { LatestGossip = LatestGossip.Seen(SelfUniqueAddress) };

    /// <summary>True when <paramref name="node"/> is a member reachable from every non-downed observer.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool IsReachableExcludingDownedObservers(UniqueAddress node) =>
        LatestGossip.HasMember(node) && LatestGossip.ReachabilityExcludingDownedObservers.IsReachable(node);

    /// <summary>True when this node may gossip to <paramref name="node"/>: not itself, and this node does not record it unreachable.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public bool ValidNodeForGossip(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return !node.Equals(SelfUniqueAddress) && LatestGossip.Overview.Reachability.IsReachable(SelfUniqueAddress, node);
    }
}
