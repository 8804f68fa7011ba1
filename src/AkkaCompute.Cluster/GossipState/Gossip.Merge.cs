using System.Collections.Immutable;

namespace AkkaCompute.Cluster;

public sealed partial class Gossip
{
    /// <summary>
    /// Merges two gossips with conflicting (<see cref="VectorClockOrdering.Concurrent"/>) versions, as Akka's <c>Gossip.merge</c>:
    /// <list type="number">
    /// <item>the tombstones are united (the later timestamp wins) and the versions merge pointwise (<see cref="VectorClock.Merge"/>)
    /// without the entries of tombstoned nodes;</item>
    /// <item>a node in both member sets keeps <see cref="Member.HighestPriorityOf"/> the two; a node in one set only is kept unless it
    /// is tombstoned (the other side removed it);</item>
    /// <item>reachability merges per observer by version (<see cref="Reachability.Merge"/>), restricted to the merged members;</item>
    /// <item>the seen set is empty: nobody has seen the merged version yet (the caller then marks it <see cref="Seen"/> by itself).</item>
    /// </list>
    /// Deviation from Akka: Akka also drops a one-sided member that is Down or Exiting, guessing that the other side removed it.
    /// Every removal here leaves a tombstone, so the guess is not needed, and it is wrong when the other side never heard of the
    /// member: the Down is lost and an older status can come back under a newer version (found by the randomized membership
    /// simulation in the tests). Commutative up to the seen set. O(n + t + r log n) for n members, t tombstones and r reachability records.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="that"/> is null.</exception>
    public Gossip Merge(Gossip that) => Merge(that, out _);

    /// <summary>
    /// <see cref="Merge(Gossip)"/>, also telling whether a tombstone pruned a clock entry that one of the inputs still had. Then the
    /// merged version may equal a version that some node holds with other contents (the pruned entry was the only trace of the
    /// removed node's last changes), so the receiver stamps the result with its own entry (<see cref="GossipReceiver"/>).
    /// </summary>
    internal Gossip Merge(Gossip that, out bool prunedTombstonedEntries)
    {
        ArgumentNullException.ThrowIfNull(that);
        var tombstones = Tombstones;
        foreach (var (node, at) in that.Tombstones)
        {
            if (!tombstones.TryGetValue(node, out var mine) || mine < at)
            {
                tombstones = tombstones.SetItem(node, at);
            }
        }

        var unpruned = Version.Merge(that.Version);
        var version = tombstones.IsEmpty ? unpruned : unpruned.PruneAll(tombstones.Keys.Select(VectorClockNode.For));
        prunedTombstonedEntries = version.Count != unpruned.Count;

        var members = ImmutableSortedSet.CreateBuilder<Member>();
        var allowed = new HashSet<UniqueAddress>();
        using var a = Members.GetEnumerator();
        using var b = that.Members.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            var c = !hasA ? 1 : !hasB ? -1 : a.Current.CompareTo(b.Current);
            Member? kept;
            if (c == 0)
            {
                kept = Member.HighestPriorityOf(a.Current, b.Current);
                hasA = a.MoveNext();
                hasB = b.MoveNext();
            }
            else
            {
                var single = c < 0 ? a.Current : b.Current;
                kept = tombstones.ContainsKey(single.UniqueAddress) ? null : single;
                if (c < 0)
                {
                    hasA = a.MoveNext();
                }
                else
                {
                    hasB = b.MoveNext();
                }
            }

            if (kept is not null)
            {
                members.Add(kept);
                allowed.Add(kept.UniqueAddress);
            }
        }

        var reachability = Overview.Reachability.Merge(allowed, that.Overview.Reachability);
        return new Gossip(members.ToImmutable(), new GossipOverview([], reachability), version, tombstones);
    }
}
