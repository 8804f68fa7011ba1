namespace AkkaCompute.Cluster;

public sealed partial class Gossip
{
    /// <summary>
    /// True when this gossip has converged as seen from <paramref name="selfUniqueAddress"/>, as Akka's
    /// <c>MembershipState.Convergence</c>. The leader may only change member statuses (other than to WeaklyUp) on convergence.
    /// <list type="bullet">
    /// <item>Every member that is Up or Leaving has seen this version (or is in <paramref name="exitingConfirmed"/>). While no
    /// member is Up or Leaving yet (a cluster forming), Joining and WeaklyUp members must have seen it too.</item>
    /// <item>Every member that some non-downed observer records as unreachable or terminated (other than self and the exiting
    /// confirmed) is Down or Exiting. An unreachable Up member blocks convergence; an unreachable Down member does not.</item>
    /// </list>
    /// O(n log n) for n members plus the unreachable set.
    /// </summary>
    /// <param name="selfUniqueAddress">The node evaluating convergence.</param>
    /// <param name="exitingConfirmed">Exiting members that confirmed they are shutting down; null means none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="selfUniqueAddress"/> is null.</exception>
    public bool Convergence(UniqueAddress selfUniqueAddress, IReadOnlySet<UniqueAddress>? exitingConfirmed = null)
    {
        ArgumentNullException.ThrowIfNull(selfUniqueAddress);
        var firstMembers = !Members.Any(m => m.Status is MemberStatus.Up or MemberStatus.Leaving);
        foreach (var m in Members)
        {
            var mustHaveSeen = m.Status is MemberStatus.Up or MemberStatus.Leaving
                || (firstMembers && m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp);
            if (mustHaveSeen && !SeenByNode(m.UniqueAddress) && exitingConfirmed?.Contains(m.UniqueAddress) != true)
            {
                return false;
            }
        }

        foreach (var node in ReachabilityExcludingDownedObservers.AllUnreachableOrTerminated)
        {
            if (node.Equals(selfUniqueAddress) || exitingConfirmed?.Contains(node) == true)
            {
                continue;
            }

            if (TryGetMember(node, out var m) && m.Status is not (MemberStatus.Down or MemberStatus.Exiting))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The leader as seen from <paramref name="selfUniqueAddress"/>, as Akka's <c>MembershipState.Leader</c>: among members that are
    /// not Down and are reachable (self always counts as reachable to itself), the first Up or Leaving member in address order;
    /// when there is none, the first by preference WeaklyUp, then Joining, then Exiting (so that a forming cluster has a leader to
    /// move its first members Up). Null when no member qualifies. Different partitions may each have a leader.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="selfUniqueAddress"/> is null.</exception>
    public UniqueAddress? Leader(UniqueAddress selfUniqueAddress) => LeaderOf(Members, selfUniqueAddress);

    /// <summary>The leader among the members with <paramref name="role"/>, by the rule of <see cref="Leader"/>; null when none qualifies.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public UniqueAddress? RoleLeader(string role, UniqueAddress selfUniqueAddress)
    {
        ArgumentNullException.ThrowIfNull(role);
        return LeaderOf(Members.Where(m => m.HasRole(role)), selfUniqueAddress);
    }

    /// <summary>
    /// The leader among <paramref name="candidates"/> (members of this gossip, any order), by the rule of <see cref="Leader"/>. O(n).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public UniqueAddress? LeaderOf(IEnumerable<Member> candidates, UniqueAddress selfUniqueAddress)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(selfUniqueAddress);
        var reachability = Overview.Reachability;
        Member? best = null;
        foreach (var m in candidates)
        {
            if (m.Status is MemberStatus.Down or MemberStatus.Removed ||
                (!m.UniqueAddress.Equals(selfUniqueAddress) && !reachability.IsReachable(m.UniqueAddress)))
            {
                continue;
            }

            var rank = LeaderRank(m.Status);
            if (best is null || rank < LeaderRank(best.Status) || (rank == LeaderRank(best.Status) && m.CompareTo(best) < 0))
            {
                best = m;
            }
        }

        return best?.UniqueAddress;
    }

    // Akka's Member.LeaderStatusOrdering: Up and Leaving first (by address), then WeaklyUp, Joining, Exiting.
    private static int LeaderRank(MemberStatus status) => status switch
    {
        MemberStatus.Up or MemberStatus.Leaving => 0,
        MemberStatus.WeaklyUp => 1,
        MemberStatus.Joining => 2,
        _ => 3, // Exiting
    };
}
