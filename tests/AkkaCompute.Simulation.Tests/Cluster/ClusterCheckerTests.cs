using System.Collections.Immutable;
using AkkaCompute.Actors;
using AkkaCompute.Cluster;
using AkkaCompute.Simulation.Cluster;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>Each safety property of <see cref="ClusterSafetyChecker"/> fed with hand-made views: it passes what is right and fails what is not.</summary>
public sealed class ClusterCheckerTests
{
    private static UniqueAddress Node(int i, long uid = 0) => new(ClusterSimulation.AddressOf(i), uid == 0 ? 100 + i : uid);

    private static Member M(int i, MemberStatus status, int up = 0) =>
        Member.Create(Node(i), status, upNumber: status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down ? (up == 0 ? i + 1 : up) : Member.NotUp);

    private static Gossip G(int stamp, params Member[] members)
    {
        var g = Gossip.Create(members);
        for (var k = 0; k < stamp; k++)
        {
            g = g.Increment(VectorClockNode.For(Node(0)));
        }

        return g;
    }

    private static Gossip SeenByAll(Gossip g) => g.Members.Aggregate(g, (acc, m) => acc.Seen(m.UniqueAddress));

    [Fact]
    public void A_status_moving_backwards_is_caught()
    {
        var checker = new ClusterSafetyChecker(3, checkSplitBrain: true);
        checker.Observe(1, Node(1), G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up)), stopped: false);
        var e = Assert.Throws<ClusterSafetyViolationException>(() =>
            checker.Observe(1, Node(1), G(2, M(0, MemberStatus.Joining), M(1, MemberStatus.Up)), stopped: false));
        Assert.Equal(ClusterSafetyViolationException.StatesMoveForward, e.Property);
        Assert.Equal("n1", e.Node);
    }

    [Fact]
    public void A_downed_member_back_in_a_view_is_caught_even_without_its_tombstone()
    {
        var checker = new ClusterSafetyChecker(3, checkSplitBrain: false);
        checker.Observe(1, Node(1), G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Down)), stopped: false);
        checker.Observe(1, Node(1), G(2, M(0, MemberStatus.Up), M(1, MemberStatus.Up)), stopped: false); // removed, tombstone pruned
        var e = Assert.Throws<ClusterSafetyViolationException>(() =>
            checker.Observe(1, Node(1), G(3, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Up)), stopped: false));
        Assert.Equal(ClusterSafetyViolationException.DownedNeverBack, e.Property);
    }

    [Fact]
    public void A_member_removed_in_one_view_moving_Up_in_another_is_caught()
    {
        var checker = new ClusterSafetyChecker(3, checkSplitBrain: false);
        checker.Observe(0, Node(0), G(1, M(0, MemberStatus.Up), M(2, MemberStatus.Exiting)), stopped: false);
        checker.Observe(0, Node(0), G(2, M(0, MemberStatus.Up)), stopped: false);
        checker.Observe(1, Node(1), G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Joining)), stopped: false);
        var e = Assert.Throws<ClusterSafetyViolationException>(() =>
            checker.Observe(1, Node(1), G(2, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Up)), stopped: false));
        Assert.Equal(ClusterSafetyViolationException.DownedNeverBack, e.Property);
    }

    [Fact]
    public void Two_leaders_of_one_converged_version_are_caught()
    {
        var checker = new ClusterSafetyChecker(3, checkSplitBrain: false);
        var view = SeenByAll(G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up)));
        checker.Observe(0, Node(0), view, stopped: false);
        checker.Observe(1, Node(1), view, stopped: false); // n1 holds the same view but n0 leads it: fine

        // A forged view with the same version in which n2 leads: two leaders of one converged version.
        var forged = SeenByAll(G(1, M(0, MemberStatus.Joining), M(2, MemberStatus.Up)));
        var e = Assert.Throws<ClusterSafetyViolationException>(() => checker.Observe(2, Node(2), forged, stopped: false));
        Assert.Equal(ClusterSafetyViolationException.OneLeader, e.Property);
    }

    [Fact]
    public void Two_surviving_members_that_see_each_other_down_are_a_split_brain()
    {
        var checker = new ClusterSafetyChecker(4, checkSplitBrain: true);
        var all = G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Up), M(3, MemberStatus.Up));
        for (var i = 0; i < 4; i++)
        {
            checker.Observe(i, Node(i), all, stopped: false);
        }

        // n0's side downs n2 and n3 ...
        var sideA = G(2, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Down), M(3, MemberStatus.Down));
        checker.Observe(0, Node(0), sideA, stopped: false);

        // ... and n2's side downs n0 and n1 while n0 runs on: both sides survive.
        var sideB = G(2, M(0, MemberStatus.Down), M(1, MemberStatus.Down), M(2, MemberStatus.Up), M(3, MemberStatus.Up)).Increment(VectorClockNode.For(Node(2)));
        var e = Assert.Throws<ClusterSafetyViolationException>(() => checker.Observe(2, Node(2), sideB, stopped: false));
        Assert.Equal(ClusterSafetyViolationException.SplitBrain, e.Property);
    }

    [Fact]
    public void A_losing_side_that_downs_itself_is_no_split_brain()
    {
        var checker = new ClusterSafetyChecker(4, checkSplitBrain: true);
        var all = G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Up), M(3, MemberStatus.Up));
        for (var i = 0; i < 4; i++)
        {
            checker.Observe(i, Node(i), all, stopped: false);
        }

        checker.Observe(0, Node(0), G(2, M(0, MemberStatus.Up), M(1, MemberStatus.Up), M(2, MemberStatus.Down), M(3, MemberStatus.Down)), stopped: false);
        // n2 downs everyone, itself included (down-all), then stops.
        var downAll = G(2, M(0, MemberStatus.Down), M(1, MemberStatus.Down), M(2, MemberStatus.Down), M(3, MemberStatus.Down)).Increment(VectorClockNode.For(Node(2)));
        checker.Observe(2, Node(2), downAll, stopped: false);
        checker.Observe(2, Node(2), downAll, stopped: true);
    }

    [Fact]
    public void The_convergence_tracker_needs_every_node_up_in_one_view_of_the_running_incarnations()
    {
        var tracker = new ClusterConvergence(2);
        var both = G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Up));
        tracker.Observe(0, Node(0), both, member: true);
        Assert.False(tracker.IsConverged());
        tracker.Observe(1, Node(1), G(1, M(0, MemberStatus.Up), M(1, MemberStatus.Joining)), member: true);
        Assert.False(tracker.IsConverged());
        tracker.Observe(1, Node(1), both, member: true);
        Assert.True(tracker.IsConverged());
        tracker.Observe(1, null, Gossip.Empty, member: false); // crashed
        Assert.False(tracker.IsConverged());
        tracker.Observe(1, Node(1, uid: 999), both, member: true); // a new incarnation holding a view with the old uid
        Assert.False(tracker.IsConverged());
    }
}
