using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.Sbr.SbrTestViews;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Sbr;

public sealed class IndirectlyConnectedTests
{
    [Fact]
    public void Two_members_that_cannot_see_each_other_but_are_seen_by_others_are_downed()
    {
        // The link 3 <-> 4 is broken; everybody else sees both.
        var reach = Reachability.Empty.Unreachable(Node(3), Node(4)).Unreachable(Node(4), Node(3));
        var view = View(1, Up(5), 3, 4) with { Reachability = reach };
        AssertDecision(new KeepMajority().Decide(view), SbrDecisionKind.DownIndirectlyConnected, 3, 4);
        AssertDecision(new KeepOldest().Decide(view), SbrDecisionKind.DownIndirectlyConnected, 3, 4);
        AssertDecision(new StaticQuorum(3).Decide(view), SbrDecisionKind.DownIndirectlyConnected, 3, 4);
    }

    [Fact]
    public void Indirectly_connected_plus_a_clean_crash_downs_both()
    {
        var reach = Reachability.Empty.Unreachable(Node(3), Node(4)).Unreachable(Node(4), Node(3)).Unreachable(Node(1), Node(5));
        var view = View(1, Up(5), 3, 4, 5) with { Reachability = reach };
        AssertDecision(new KeepMajority().Decide(view), SbrDecisionKind.DownIndirectlyConnected, 3, 4, 5);
    }

    [Fact]
    public void A_subject_that_has_seen_the_current_gossip_is_indirectly_connected()
    {
        var reach = Reachability.Empty.Unreachable(Node(1), Node(3));
        var view = View(1, Up(3), 3) with { Reachability = reach, SeenBy = [Addr(3)] };
        AssertDecision(new KeepMajority().Decide(view), SbrDecisionKind.DownIndirectlyConnected, 1, 3);
    }

    [Fact]
    public void Reachable_records_are_ignored()
    {
        var reach = Reachability.Empty.Unreachable(Node(3), Node(4)).Unreachable(Node(3), Node(5)).Reachable(Node(3), Node(4))
            .Unreachable(Node(1), Node(4)).Unreachable(Node(1), Node(5));
        var view = View(1, Up(5), 4, 5) with { Reachability = reach };
        AssertDecision(new KeepMajority().Decide(view), SbrDecisionKind.DownUnreachable, 4, 5);
    }

    [Fact]
    public void From_gossip_counts_down_members_as_unreachable_and_skips_self()
    {
        var reach = Reachability.Empty.Unreachable(Node(2), Node(1)).Unreachable(Node(1), Node(3));
        var g = G(M(1), M(2), M(3), M(4, MemberStatus.Down)).Copy(overview: new GossipOverview([Node(1)], reach));
        var view = SbrView.FromGossip(g, Node(1));
        Assert.Equal(Set(3, 4), view.Unreachable);
        Assert.Equal([Addr(1)], view.SeenBy);
        Assert.Equal(4, view.Members.Count);
        Assert.Same(reach, view.Reachability);
    }
}
