namespace AkkaCompute.Cluster.Protocol;

/// <summary>
/// Who leads, as <see cref="ClusterCore"/> decides it: <see cref="Gossip.Leader"/> evaluated on the reachability that convergence
/// uses (<see cref="Gossip.ReachabilityExcludingDownedObservers"/>). Deviation from Akka, whose <c>LeaderOf</c> also counts the
/// observations of Down members: the deterministic simulator found that a Down member's stale "unreachable" records about Up members
/// then make a later member lead in its own view while the first still leads in its own (it counts itself reachable), and both views
/// converge, because convergence ignores those records. Two leaders acted on one converged version. With one reachability for both,
/// at most one member leads a converged view.
/// </summary>
internal static class ClusterLeadership
{
    /// <summary>
    /// <paramref name="gossip"/> with the observations of Down members left out of its reachability table: the same instance when
    /// there are none (O(1) when everyone is reachable).
    /// </summary>
    public static Gossip LeaderView(Gossip gossip)
    {
        var reachability = gossip.Overview.Reachability;
        if (reachability.IsAllReachable)
        {
            return gossip;
        }

        var excluding = gossip.ReachabilityExcludingDownedObservers;
        return ReferenceEquals(excluding, reachability) ? gossip : gossip.Copy(overview: gossip.Overview with { Reachability = excluding });
    }

    /// <summary>The leader of <paramref name="gossip"/> as seen from <paramref name="self"/>, by this rule; null when none.</summary>
    public static UniqueAddress? Leader(Gossip gossip, UniqueAddress self) => LeaderView(gossip).Leader(self);

    /// <summary>
    /// Whether <paramref name="self"/> leads <paramref name="gossip"/> by this rule, with a quick exit: a reachable Up or Leaving member
    /// ordered before <paramref name="self"/> always leads instead (best rank, lower address), so most members answer after looking at
    /// the first member or two. O(position) then, else O(n).
    /// </summary>
    public static bool IsLeader(Gossip gossip, UniqueAddress self)
    {
        var view = LeaderView(gossip);
        var reachability = view.Overview.Reachability;
        foreach (var m in view.Members)
        {
            if (m.UniqueAddress.Equals(self))
            {
                break;
            }

            if (m.Status is MemberStatus.Up or MemberStatus.Leaving && reachability.IsReachable(m.UniqueAddress))
            {
                return false;
            }
        }

        return self.Equals(view.Leader(self));
    }
}
