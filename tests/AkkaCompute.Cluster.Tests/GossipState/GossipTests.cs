using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

public sealed class GossipTests
{
    [Fact]
    public void Create_rejects_duplicates_and_removed_members()
    {
        Assert.Throws<ArgumentException>(() => G(M(1), M(1, MemberStatus.Joining)));
        Assert.Throws<ArgumentException>(() => G(M(1), Member.Removed(Node(2))));
        Assert.Throws<ArgumentException>(() => G(M(1)).AddMember(Member.Removed(Node(2))));
    }

    [Fact]
    public void Members_are_ordered_by_unique_address_and_looked_up_by_it()
    {
        var g = G(M(3), M(1), M(2, MemberStatus.Joining));
        Assert.Equal([Node(1), Node(2), Node(3)], g.Members.Select(m => m.UniqueAddress));
        Assert.True(g.HasMember(Node(2)));
        Assert.False(g.HasMember(Node(2, uid: 77)));
        Assert.Equal(MemberStatus.Joining, g.GetMember(Node(2)).Status);
        Assert.Equal(MemberStatus.Removed, g.GetMember(Node(9)).Status);
        Assert.Same(g, g.AddMember(M(1, MemberStatus.Joining)));
        Assert.Equal(MemberStatus.Leaving, g.UpdateMember(M(1, MemberStatus.Leaving)).GetMember(Node(1)).Status);
        Assert.Throws<ArgumentException>(() => g.UpdateMember(M(9)));
    }

    [Fact]
    public void Seen_only_seen_and_clear_seen()
    {
        var g = G(M(1), M(2), M(3));
        var seen = g.Seen(Node(1)).Seen(Node(2));
        Assert.True(seen.SeenByNode(Node(1)));
        Assert.Equal([Node(1), Node(2)], seen.SeenBy);
        Assert.Same(seen, seen.Seen(Node(1)));
        Assert.Equal([Node(3)], seen.OnlySeen(Node(3)).SeenBy);
        Assert.Empty(seen.ClearSeen().SeenBy);
        Assert.Equal([Node(1), Node(2), Node(3)], seen.MergeSeen(g.Seen(Node(3))).SeenBy);
    }

    [Fact]
    public void Mark_as_down_changes_the_status_and_removes_from_seen()
    {
        var g = SeenByAll(G(M(1), M(2)));
        var down = g.MarkAsDown(M(2));
        Assert.Equal(MemberStatus.Down, down.GetMember(Node(2)).Status);
        Assert.Equal([Node(1)], down.SeenBy);
        Assert.Throws<ArgumentException>(() => g.MarkAsDown(M(7)));
    }

    [Fact]
    public void Youngest_member_has_the_highest_up_number_and_joining_counts_as_zero()
    {
        Assert.Null(Gossip.Empty.YoungestMember);
        Assert.Equal(Node(1), G(M(1, MemberStatus.Joining)).YoungestMember!.UniqueAddress);
        Assert.Equal(Node(2), G(M(1, MemberStatus.Up, 3), M(2, MemberStatus.Up, 8), M(3, MemberStatus.Joining)).YoungestMember!.UniqueAddress);
    }

    [Fact]
    public void All_roles_is_the_union_of_member_roles()
    {
        var g = G(M(1, MemberStatus.Up, 1, "a"), M(2, MemberStatus.Up, 2, "b", "c"), M(3));
        Assert.Equal(["a", "b", "c"], g.AllRoles);
    }

    [Fact]
    public void Prune_and_increment_change_only_the_version()
    {
        var g = G(M(1)).Increment(V(1)).Increment(V(2));
        Assert.Equal(1, g.Version[V(2)]);
        var pruned = g.Prune(V(2));
        Assert.Equal(0, pruned.Version[V(2)]);
        Assert.Same(pruned, pruned.Prune(V(2)));
        Assert.Same(g.Members, pruned.Members);
    }

    [Fact]
    public void Reachability_excluding_downed_observers_ignores_a_downed_node_opinion()
    {
        var reach = Reachability.Empty.Unreachable(Node(3), Node(1)).Unreachable(Node(2), Node(4));
        var g = G(M(1), M(2), M(3, MemberStatus.Down), M(4)).Copy(overview: new GossipOverview([], reach));
        Assert.True(g.ReachabilityExcludingDownedObservers.IsReachable(Node(1)));
        Assert.False(g.ReachabilityExcludingDownedObservers.IsReachable(Node(4)));
        Assert.False(g.Overview.Reachability.IsReachable(Node(1)));
        Assert.True(g.IsReachable(Node(2), Node(1)));
        Assert.False(g.IsReachable(Node(2), Node(4)));
        Assert.False(g.IsReachable(Node(2), Node(9)));
    }
}
