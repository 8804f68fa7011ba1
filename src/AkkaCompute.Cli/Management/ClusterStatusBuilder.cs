using Akka.Actor;
using Akka.Cluster;

namespace AkkaCompute.Cli.Management;

/// <summary>
/// Builds the <see cref="ClusterStatusDto"/> of <c>GET /cluster</c> from Akka.Cluster's public view of the membership
/// (<see cref="ClusterEvent.CurrentClusterState"/>: members, unreachable members, seen-by, leader). Pure; O(n log n).
/// <para>
/// Two fields are derived, because Akka does not publish them: <c>convergence</c> follows Akka's rule (no unreachable member other
/// than Down or Exiting ones, and every Up or Leaving member has seen the current gossip), and <c>upNumber</c> is the member's age
/// rank (1 the oldest) by <see cref="Member.AgeOrdering"/>. Akka's public API does not say who observes an unreachable member, so
/// <c>observedBy</c> holds this node when its own failure detector no longer hears the member (given by the caller), else is empty.
/// </para>
/// </summary>
internal static class ClusterStatusBuilder
{
    public static ClusterStatusDto Build(ClusterEvent.CurrentClusterState state, UniqueAddress self, Func<Address, bool> selfObservesUnreachable)
    {
        var members = state.Members.OrderBy(m => m.Address, Member.AddressOrdering).ToList();
        var unreachable = state.Unreachable;
        var aged = members.Where(m => m.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp)).Order(Member.AgeOrdering).ToList();
        var dtos = members.Select(m => new MemberDto(
            m.Address.ToString(),
            m.UniqueAddress.Uid,
            m.Status.ToString(),
            !unreachable.Contains(m),
            [.. m.Roles.Order(StringComparer.Ordinal)],
            aged.IndexOf(m) is var i and >= 0 ? i + 1 : null,
            m.Address.Equals(state.Leader),
            m.UniqueAddress.Equals(self),
            m.AppVersion?.Version ?? "0.0.0")).ToList();
        var unreachableDtos = unreachable
            .OrderBy(m => m.Address, Member.AddressOrdering)
            .Select(m => new UnreachableDto(
                m.Address.ToString(),
                "Unreachable",
                selfObservesUnreachable(m.Address) ? [self.Address.ToString()] : []))
            .ToList();
        var selfMember = members.FirstOrDefault(m => m.UniqueAddress.Equals(self));
        return new ClusterStatusDto(
            self.Address.ToString(),
            self.Uid,
            selfMember?.Status.ToString() ?? "Removed",
            state.Leader?.ToString(),
            Convergence(state),
            dtos,
            unreachableDtos,
            [.. state.SeenBy.OrderBy(a => a, Member.AddressOrdering).Select(a => a.ToString())]);
    }

    /// <summary>Akka's convergence rule over the public state: unreachable members are all Down or Exiting, and every Up or Leaving member has seen the gossip.</summary>
    public static bool Convergence(ClusterEvent.CurrentClusterState state) =>
        state.Members.Count > 0 &&
        state.Unreachable.All(m => m.Status is MemberStatus.Down or MemberStatus.Exiting) &&
        state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && !state.Unreachable.Contains(m)).All(m => state.SeenBy.Contains(m.Address));
}
