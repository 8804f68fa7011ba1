using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

public sealed partial class Gossip
{
    /// <summary>
    /// This gossip with <paramref name="member"/> moved to <see cref="MemberStatus.Down"/> and removed from the seen set (as Akka's
    /// <c>MarkAsDown</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="member"/> is null.</exception>
    /// <exception cref="ArgumentException">The node is not a member.</exception>
    public Gossip MarkAsDown(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!TryGetMember(member.UniqueAddress, out var current))
        {
            throw new ArgumentException($"{member.UniqueAddress} is not a member", nameof(member));
        }

        var down = current.Copy(MemberStatus.Down);
        return Copy(
            members: Members.Remove(current).Add(down),
            overview: Overview with { Seen = Overview.Seen.Remove(member.UniqueAddress) });
    }

    /// <summary>
    /// This gossip without the members <paramref name="nodes"/>, as Akka's <c>Gossip.remove</c>: each is dropped from the members, the
    /// seen set and the reachability table, its clock entry is pruned and a tombstone stamped <paramref name="removedAt"/> is added.
    /// Nodes that are not members are tombstoned all the same. The caller stamps the result (<see cref="Increment"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="nodes"/> is null.</exception>
    public Gossip RemoveAll(IEnumerable<UniqueAddress> nodes, DateTimeOffset removedAt)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var removed = nodes.ToImmutableSortedSet();
        if (removed.IsEmpty)
        {
            return this;
        }

        var version = Version.PruneAll(removed.Select(VectorClockNode.For));
        var tombstones = Tombstones.ToBuilder();
        foreach (var node in removed)
        {
            tombstones[node] = tombstones.TryGetValue(node, out var earlier) && earlier > removedAt ? earlier : removedAt;
        }

        return new Gossip(
            Members.Except(removed.Select(Member.Probe)),
            new GossipOverview(Overview.Seen.Except(removed), Overview.Reachability.Remove(removed)),
            version,
            tombstones.ToImmutable());
    }

    /// <summary>This gossip without the tombstones stamped at or before <paramref name="removeEarlierThan"/> (as Akka's <c>pruneTombstones</c>).</summary>
    public Gossip PruneTombstones(DateTimeOffset removeEarlierThan)
    {
        var kept = Tombstones.Where(t => t.Value > removeEarlierThan).ToList();
        return kept.Count == Tombstones.Count ? this : Copy(tombstones: kept.ToImmutableSortedDictionary());
    }

    /// <summary>This gossip without <paramref name="removedNode"/>'s clock entry.</summary>
    public Gossip Prune(VectorClockNode removedNode)
    {
        var pruned = Version.Prune(removedNode);
        return ReferenceEquals(pruned, Version) ? this : Copy(version: pruned);
    }
}
