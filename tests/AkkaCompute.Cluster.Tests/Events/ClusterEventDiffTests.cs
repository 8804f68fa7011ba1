using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Events;

/// <summary>Cases after Akka's ClusterDomainEventSpec.</summary>
public sealed class ClusterEventDiffTests
{
    private static readonly UniqueAddress Self = Node(1);

    private static Gossip WithReachability(Gossip g, Reachability r) => g.Copy(overview: g.Overview with { Reachability = r });

    [Fact]
    public void Same_gossip_gives_no_events()
    {
        var g = G(M(1), M(2));
        Assert.Empty(ClusterEventDiff.Diff(g, g, Self));
    }

    [Fact]
    public void New_members_give_an_event_named_after_their_status()
    {
        var events = ClusterEventDiff.MemberEvents(G(M(1)), G(M(1), M(2, MemberStatus.Joining), M(3, MemberStatus.Up), M(4, MemberStatus.WeaklyUp)));
        Assert.Equal([typeof(MemberJoined), typeof(MemberUp), typeof(MemberWeaklyUp)], events.Select(e => e.GetType()));
        Assert.Equal([Node(2), Node(3), Node(4)], events.Select(e => e.Member.UniqueAddress));
    }

    [Theory]
    [InlineData(MemberStatus.Joining, MemberStatus.WeaklyUp, typeof(MemberWeaklyUp))]
    [InlineData(MemberStatus.Joining, MemberStatus.Up, typeof(MemberUp))]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Up, typeof(MemberUp))]
    [InlineData(MemberStatus.Up, MemberStatus.Leaving, typeof(MemberLeft))]
    [InlineData(MemberStatus.Leaving, MemberStatus.Exiting, typeof(MemberExited))]
    [InlineData(MemberStatus.Up, MemberStatus.Down, typeof(MemberDowned))]
    [InlineData(MemberStatus.Exiting, MemberStatus.Down, typeof(MemberDowned))]
    public void A_status_change_gives_the_event_of_the_new_status(MemberStatus before, MemberStatus after, Type expected)
    {
        var events = ClusterEventDiff.MemberEvents(G(M(1), M(2, before)), G(M(1), M(2, after)));
        var e = Assert.Single(events);
        Assert.IsType(expected, e);
        Assert.Equal(after, e.Member.Status);
    }

    [Fact]
    public void A_changed_up_number_alone_gives_a_member_up()
    {
        var e = Assert.Single(ClusterEventDiff.MemberEvents(G(M(2, MemberStatus.Up, 5)), G(M(2, MemberStatus.Up, 3))));
        Assert.Equal(3, Assert.IsType<MemberUp>(e).Member.UpNumber);
    }

    [Fact]
    public void Gone_members_give_member_removed_with_their_previous_status_after_the_other_events()
    {
        var events = ClusterEventDiff.MemberEvents(
            G(M(1), M(2, MemberStatus.Down), M(3, MemberStatus.Exiting), M(4, MemberStatus.Joining)),
            G(M(1), M(4, MemberStatus.Up)));
        Assert.IsType<MemberUp>(events[0]);
        var removed = events.Skip(1).Cast<MemberRemoved>().ToList();
        Assert.Equal([(Node(2), MemberStatus.Down), (Node(3), MemberStatus.Exiting)], removed.Select(r => (r.Member.UniqueAddress, r.PreviousStatus)));
        Assert.All(removed, r => Assert.Equal(MemberStatus.Removed, r.Member.Status));
    }

    [Fact]
    public void Newly_unreachable_members_give_unreachable_member_but_never_self()
    {
        var g = G(M(1), M(2), M(3), M(4));
        var before = WithReachability(g, Reachability.Empty.Unreachable(Node(2), Node(3)));
        var after = WithReachability(g, Reachability.Empty.Unreachable(Node(2), Node(3)).Unreachable(Node(2), Node(4)).Unreachable(Node(2), Node(1)).Terminated(Node(3), Node(2)));
        var events = ClusterEventDiff.Unreachable(before, after, Self);
        Assert.Equal([Node(2), Node(4)], events.Select(e => e.Member.UniqueAddress));
    }

    [Fact]
    public void Members_reachable_again_give_reachable_member_but_not_removed_ones_or_self()
    {
        var g = G(M(1), M(2), M(3), M(4));
        var before = WithReachability(g, Reachability.Empty.Unreachable(Node(2), Node(3)).Unreachable(Node(2), Node(4)).Unreachable(Node(2), Node(1)));
        var after = WithReachability(G(M(1), M(2), M(3)), Reachability.Empty);
        Assert.Equal([Node(3)], ClusterEventDiff.Reachable(before, after, Self).Select(e => e.Member.UniqueAddress));
    }

    [Fact]
    public void Leader_and_role_leader_changes()
    {
        var before = G(M(1, MemberStatus.Up, 1, "a"), M(2, MemberStatus.Up, 2, "b"));
        var after = G(M(1, MemberStatus.Leaving, 1, "a"), M(2, MemberStatus.Up, 2, "b"), M(3, MemberStatus.Up, 3, "a")).Copy();
        Assert.Empty(ClusterEventDiff.Leader(before, after, Self));

        var leaderGone = G(M(2, MemberStatus.Up, 2, "b"), M(3, MemberStatus.Up, 3, "a"));
        Assert.Equal([new LeaderChanged(Node(2))], ClusterEventDiff.Leader(before, leaderGone, Node(2)));
        Assert.Equal([new RoleLeaderChanged("a", Node(3))], ClusterEventDiff.RoleLeaders(before, leaderGone, Node(2)));
        Assert.Equal([new LeaderChanged(null)], ClusterEventDiff.Leader(before, Gossip.Empty, Node(2)));
    }

    [Fact]
    public void Diff_orders_member_reachability_and_leader_events()
    {
        var before = G(M(1), M(2));
        var after = WithReachability(G(M(0, MemberStatus.Up, 10), M(1), M(2), M(3, MemberStatus.Joining)), Reachability.Empty.Unreachable(Node(1), Node(2)));
        var events = ClusterEventDiff.Diff(before, after, Self);
        Assert.Equal([typeof(MemberUp), typeof(MemberJoined), typeof(UnreachableMember), typeof(LeaderChanged)], events.Select(e => e.GetType()));
    }

    [Fact]
    public void Diff_from_empty_replays_the_state()
    {
        var g = G(M(1), M(2, MemberStatus.Leaving));
        var events = ClusterEventDiff.Diff(Gossip.Empty, g, Self);
        Assert.Equal([typeof(MemberUp), typeof(MemberLeft), typeof(LeaderChanged)], events.Select(e => e.GetType()));
    }

    [Fact]
    public void Current_cluster_state_snapshot()
    {
        var g = WithReachability(SeenByAll(G(M(1, MemberStatus.Up, 1, "a"), M(2), M(3))), Reachability.Empty.Unreachable(Node(2), Node(3)).Unreachable(Node(2), Node(1)));
        var state = CurrentClusterState.From(g, Self);
        Assert.Equal(3, state.Members.Count);
        Assert.Equal([Node(3)], state.Unreachable.Select(m => m.UniqueAddress));
        Assert.Equal([Node(1), Node(2), Node(3)], state.SeenBy);
        Assert.Equal(Node(1), state.Leader);
        Assert.Equal(Node(1), state.RoleLeaders["a"]);
        Assert.Null(CurrentClusterState.Empty.Leader);
    }
}
