using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

/// <summary>Cases after Akka's GossipSpec.</summary>
public sealed class GossipMergeTests
{
    [Fact]
    public void Merge_of_concurrent_versions_merges_the_clocks_and_resets_seen()
    {
        var g1 = SeenByAll(G(M(1), M(2)).Increment(V(1)));
        var g2 = SeenByAll(G(M(1), M(2)).Increment(V(2)));
        Assert.Equal(VectorClockOrdering.Concurrent, g1.Version.Compare(g2.Version));

        var merged = g1.Merge(g2);
        Assert.Equal(1, merged.Version[V(1)]);
        Assert.Equal(1, merged.Version[V(2)]);
        Assert.True(merged.Version.IsAfter(g1.Version));
        Assert.True(merged.Version.IsAfter(g2.Version));
        Assert.Empty(merged.SeenBy);
    }

    [Fact]
    public void Merge_picks_the_member_status_with_the_highest_priority()
    {
        var g1 = G(M(1, MemberStatus.Up), M(2, MemberStatus.Joining), M(3, MemberStatus.Leaving), M(4, MemberStatus.Up));
        var g2 = G(M(1, MemberStatus.Leaving), M(2, MemberStatus.Up, 2), M(3, MemberStatus.Exiting), M(4, MemberStatus.Down));

        foreach (var merged in new[] { g1.Merge(g2), g2.Merge(g1) })
        {
            Assert.Equal(
                [MemberStatus.Leaving, MemberStatus.Up, MemberStatus.Exiting, MemberStatus.Down],
                merged.Members.Select(m => m.Status));
            Assert.Equal(2, merged.GetMember(Node(2)).UpNumber);
        }
    }

    [Fact]
    public void Merge_keeps_a_member_known_on_one_side_even_when_down_there()
    {
        // Unlike Akka, a one-sided Down member is kept: the other side may simply never have heard of it.
        var g1 = G(M(1), M(2, MemberStatus.Joining), M(3, MemberStatus.Down), M(4, MemberStatus.Exiting)).Increment(V(3)).Increment(V(1));
        var g2 = G(M(1)).Increment(V(1)).Increment(V(1));

        var merged = g1.Merge(g2);
        Assert.Equal([MemberStatus.Up, MemberStatus.Joining, MemberStatus.Down, MemberStatus.Exiting], merged.Members.Select(m => m.Status));
        Assert.Equal(1, merged.Version[V(3)]);
        Assert.Equal(2, merged.Version[V(1)]);
    }

    [Fact]
    public void Merge_drops_a_tombstoned_member_and_its_clock_entry_whatever_its_status_on_the_other_side()
    {
        var old = G(M(1), M(2), M(3)).Increment(V(3)).Increment(V(2));
        var removed = old.RemoveAll([Node(3)], DateTimeOffset.UnixEpoch.AddHours(1)).Increment(V(1));
        var concurrent = old.Increment(V(2));
        Assert.Equal(VectorClockOrdering.Concurrent, removed.Version.Compare(concurrent.Version));

        foreach (var merged in new[] { removed.Merge(concurrent), concurrent.Merge(removed) })
        {
            Assert.Equal([Node(1), Node(2)], merged.Members.Select(m => m.UniqueAddress));
            Assert.Equal(0, merged.Version[V(3)]);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(1), merged.Tombstones[Node(3)]);
            MembershipInvariants.CheckTransition(concurrent, merged);
        }
    }

    [Fact]
    public void Tombstones_merge_by_union_keeping_the_later_time_and_are_pruned_by_age()
    {
        var t1 = DateTimeOffset.UnixEpoch.AddHours(1);
        var t2 = DateTimeOffset.UnixEpoch.AddHours(2);
        var a = G(M(1)).RemoveAll([Node(5), Node(6)], t1);
        var b = G(M(1)).RemoveAll([Node(6), Node(7)], t2);
        var merged = a.Merge(b);
        Assert.Equal([Node(5), Node(6), Node(7)], merged.Tombstones.Keys);
        Assert.Equal(t2, merged.Tombstones[Node(6)]);
        Assert.Equal([Node(6), Node(7)], merged.PruneTombstones(t1).Tombstones.Keys);
        Assert.Same(merged, merged.PruneTombstones(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Merge_is_commutative_for_members_version_and_reachability()
    {
        var r1 = Reachability.Empty.Unreachable(Node(1), Node(2));
        var r2 = r1.Unreachable(Node(3), Node(2)).Unreachable(Node(1), Node(3));
        var g1 = G(M(1), M(2), M(3)).Copy(overview: new GossipOverview([], r1)).Increment(V(1));
        var g2 = G(M(1), M(2, MemberStatus.Down), M(3)).Copy(overview: new GossipOverview([], r2)).Increment(V(3));

        var a = g1.Merge(g2);
        var b = g2.Merge(g1);
        Assert.Equal(ReachabilityStatus.Unreachable, a.Overview.Reachability.Status(Node(1), Node(3)));
        Assert.Equal(a.Members.Select(m => (m.UniqueAddress, m.Status)), b.Members.Select(m => (m.UniqueAddress, m.Status)));
        Assert.Equal(a.Version, b.Version);
        Assert.Equal(a.Overview.Reachability, b.Overview.Reachability);
    }

    [Fact]
    public void Merge_restricts_reachability_to_the_merged_members()
    {
        var reach = Reachability.Empty.Unreachable(Node(1), Node(3)).Unreachable(Node(3), Node(1)).Unreachable(Node(1), Node(2));
        var g1 = G(M(1), M(2), M(3, MemberStatus.Down)).Copy(overview: new GossipOverview([], reach)).Increment(V(1));
        var g2 = G(M(1), M(2)).Increment(V(2)).RemoveAll([Node(3)], DateTimeOffset.UnixEpoch);

        var merged = g1.Merge(g2);
        Assert.Equal([Node(1), Node(2)], merged.Members.Select(m => m.UniqueAddress));
        Assert.Equal([(Node(1), Node(2))], merged.Overview.Reachability.Records.Select(r => (r.Observer, r.Subject)));
        MembershipInvariants.Check(merged);
    }
}
