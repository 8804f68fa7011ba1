using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Simulation.Placement;

/// <summary>A member of the simulated cluster: one node incarnation.</summary>
/// <param name="Member">Its address and roles, as the ownership rules see it (one object per incarnation, so its hash is computed once).</param>
/// <param name="Node">The simulated node index.</param>
/// <param name="Uid">The incarnation's uid.</param>
internal sealed record MemberInfo(ClusterMember Member, int Node, long Uid)
{
    public string Address => Member.Address;
}

/// <summary>
/// One membership change, seen by every node in the same order (converged gossip): a member joined (Up) or was removed
/// (downed by the split-brain resolver, or left).
/// </summary>
/// <param name="Joined">True for a join, false for a removal.</param>
/// <param name="Member">The member that joined or was removed.</param>
/// <param name="Downed">For a removal: true if the resolver downed it, false if it left.</param>
/// <param name="View">The Up members right after the change (unreachable ones included), in join order.</param>
internal sealed record MembershipEvent(bool Joined, MemberInfo Member, bool Downed, IReadOnlyList<ClusterMember> View);
