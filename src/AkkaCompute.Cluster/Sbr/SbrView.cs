using System.Collections.Immutable;
using AkkaCompute.Actors;

namespace AkkaCompute.Cluster.Sbr;

/// <summary>
/// What the split-brain resolver knows when it decides, as the state Akka's <c>DowningStrategy</c> accumulates from cluster events.
/// </summary>
/// <param name="Self">The deciding node.</param>
/// <param name="Members">All members in any status (Joining to Down), with roles and up-numbers.</param>
/// <param name="Unreachable">The members this node considers unreachable (Akka also counts Down members here). Self is ignored if present.</param>
public sealed record SbrView(UniqueAddress Self, ImmutableSortedSet<Member> Members, ImmutableSortedSet<UniqueAddress> Unreachable)
{
    /// <summary>
    /// The reachability table, used only to detect indirectly connected members; only Unreachable and Terminated records count.
    /// Default empty (no detection).
    /// </summary>
    public Reachability Reachability { get; init; } = Reachability.Empty;

    /// <summary>The addresses of the members that have seen the current gossip, used to detect indirectly connected members. Default empty.</summary>
    public ImmutableSortedSet<Address> SeenBy { get; init; } = [];

    /// <summary>
    /// The view of <paramref name="gossip"/> from <paramref name="self"/>: all members; unreachable = the members some observer records as
    /// unreachable or terminated plus the Down members, except self; the gossip's reachability and seen set.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SbrView FromGossip(Gossip gossip, UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(self);
        var unreachable = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        foreach (var node in gossip.Overview.Reachability.AllUnreachableOrTerminated)
        {
            if (gossip.HasMember(node))
            {
                unreachable.Add(node);
            }
        }

        foreach (var m in gossip.Members)
        {
            if (m.Status == MemberStatus.Down)
            {
                unreachable.Add(m.UniqueAddress);
            }
        }

        unreachable.Remove(self);
        return new SbrView(self, gossip.Members, unreachable.ToImmutable())
        {
            Reachability = gossip.Overview.Reachability,
            SeenBy = gossip.SeenBy.Select(n => n.Address).ToImmutableSortedSet(),
        };
    }
}
