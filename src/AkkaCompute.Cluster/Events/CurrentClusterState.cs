using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

/// <summary>
/// A snapshot of the cluster as one node sees it, as Akka's <c>ClusterEvent.CurrentClusterState</c>: sent to a new subscriber
/// instead of replaying events.
/// </summary>
/// <param name="Members">The members, ordered by unique address.</param>
/// <param name="Unreachable">The members recorded unreachable or terminated by some observer, except the observing node.</param>
/// <param name="SeenBy">The members that have seen the current gossip version.</param>
/// <param name="Leader">The leader, or null.</param>
/// <param name="RoleLeaders">For each role some member has, its leader (or null).</param>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableSortedSet<Member> Unreachable,
    ImmutableSortedSet<UniqueAddress> SeenBy,
    UniqueAddress? Leader,
    ImmutableSortedDictionary<string, UniqueAddress?> RoleLeaders) : ClusterEvent
{
    /// <summary>The empty state: no members, no leader.</summary>
    public static CurrentClusterState Empty { get; } =
        new([], [], [], null, ImmutableSortedDictionary.Create<string, UniqueAddress?>(StringComparer.Ordinal));

    /// <summary>The snapshot of <paramref name="gossip"/> as seen by <paramref name="selfUniqueAddress"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CurrentClusterState From(Gossip gossip, UniqueAddress selfUniqueAddress)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(selfUniqueAddress);
        var unreachable = ImmutableSortedSet.CreateBuilder<Member>();
        foreach (var node in gossip.Overview.Reachability.AllUnreachableOrTerminated)
        {
            if (!node.Equals(selfUniqueAddress) && gossip.TryGetMember(node, out var m))
            {
                unreachable.Add(m);
            }
        }

        var roleLeaders = ImmutableSortedDictionary.CreateBuilder<string, UniqueAddress?>(StringComparer.Ordinal);
        foreach (var role in gossip.AllRoles)
        {
            roleLeaders[role] = gossip.RoleLeader(role, selfUniqueAddress);
        }

        return new CurrentClusterState(gossip.Members, unreachable.ToImmutable(), gossip.SeenBy, gossip.Leader(selfUniqueAddress), roleLeaders.ToImmutable());
    }
}
