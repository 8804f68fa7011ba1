using Akka.Actor;
using Akka.Cluster;
using AkkaCompute.Compute.Distributed;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// The members that count for ownership (DESIGN.md, "Ownership"), kept from Akka.Cluster's member events: every member
/// that became Up and has not been removed. Unreachable members stay in the view until the split-brain resolver (or an
/// operator) downs them and the cluster removes them, so views that differ only in reachability agree on owners.
/// Not thread-safe: owned by one actor.
/// </summary>
internal sealed class MembershipView
{
    private readonly SortedDictionary<string, ClusterMember> _members = new(StringComparer.Ordinal);

    /// <summary>The members, ordered by address.</summary>
    public IReadOnlyCollection<ClusterMember> Members => _members.Values;

    /// <summary>Whether <paramref name="address"/> is in the view.</summary>
    public bool Contains(string address) => _members.ContainsKey(address);

    /// <summary>Applies a member event; returns the removed member's address on <see cref="ClusterEvent.MemberRemoved"/>, else null.</summary>
    public string? Apply(ClusterEvent.IMemberEvent e)
    {
        var address = e.Member.Address.ToString();
        switch (e)
        {
            case ClusterEvent.MemberUp:
                _members[address] = new ClusterMember(address, e.Member.Roles.ToHashSet(StringComparer.Ordinal));
                return null;
            case ClusterEvent.MemberRemoved:
                return _members.Remove(address) ? address : null;
            default:
                return null;
        }
    }

    /// <summary>The path of the actor at <paramref name="self"/>'s path on the member at <paramref name="address"/>.</summary>
    public static ActorPath PathOn(string address, ActorPath self) => new RootActorPath(Address.Parse(address)) / self.Elements;
}
