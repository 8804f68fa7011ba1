using AkkaCompute.Cluster;

namespace AkkaCompute.Cli.Management;

/// <summary>Builds the <see cref="ClusterStatusDto"/> of <c>GET /cluster</c> from a node's latest gossip. Pure; O(n log n).</summary>
internal static class ClusterStatusBuilder
{
    public static ClusterStatusDto Build(Gossip gossip, UniqueAddress self)
    {
        var state = new MembershipState(gossip, self);
        var leader = state.Leader;
        var reachability = gossip.Overview.Reachability;
        var members = gossip.Members.Select(m => new MemberDto(
            m.Address.ToString(),
            m.UniqueAddress.Uid,
            m.Status.ToString(),
            reachability.IsReachable(m.UniqueAddress),
            [.. m.Roles],
            m.UpNumber == Member.NotUp ? null : m.UpNumber,
            m.UniqueAddress.Equals(leader),
            m.UniqueAddress.Equals(self))).ToList();
        var unreachable = reachability.AllUnreachableOrTerminated
            .Where(gossip.HasMember)
            .Select(node => new UnreachableDto(
                node.Address.ToString(),
                reachability.Status(node).ToString(),
                reachability.Records.Where(r => r.Subject.Equals(node) && r.Status != ReachabilityStatus.Reachable)
                    .Select(r => r.Observer.Address.ToString()).Distinct().ToList()))
            .ToList();
        return new ClusterStatusDto(
            self.Address.ToString(),
            self.Uid,
            gossip.GetMember(self).Status.ToString(),
            leader?.Address.ToString(),
            state.Convergence(),
            members,
            unreachable,
            [.. gossip.SeenBy.Select(n => n.Address.ToString())]);
    }
}
