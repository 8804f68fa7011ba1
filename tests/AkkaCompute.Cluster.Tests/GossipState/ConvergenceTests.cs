using System.Collections.Immutable;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

/// <summary>Cases after Akka's MembershipState/GossipSpec convergence tests.</summary>
public sealed class ConvergenceTests
{
    private static Gossip WithReachability(Gossip g, Reachability r) => g.Copy(overview: g.Overview with { Reachability = r });

    [Fact]
    public void Converges_when_every_up_and_leaving_member_has_seen_it()
    {
        var g = G(M(1), M(2, MemberStatus.Leaving), M(3, MemberStatus.Joining));
        Assert.False(g.Seen(Node(1)).Convergence(Node(1)));
        Assert.True(g.Seen(Node(1)).Seen(Node(2)).Convergence(Node(1)));
    }

    [Fact]
    public void Joining_and_weakly_up_members_need_not_have_seen_it_once_someone_is_up()
    {
        var g = G(M(1), M(2, MemberStatus.Joining), M(3, MemberStatus.WeaklyUp)).Seen(Node(1));
        Assert.True(g.Convergence(Node(1)));
    }

    [Fact]
    public void While_nobody_is_up_joining_members_must_have_seen_it()
    {
        var g = G(M(1, MemberStatus.Joining), M(2, MemberStatus.Joining));
        Assert.False(g.Seen(Node(1)).Convergence(Node(1)));
        Assert.True(g.Seen(Node(1)).Seen(Node(2)).Convergence(Node(1)));
        Assert.True(G(M(1, MemberStatus.Joining)).Seen(Node(1)).Convergence(Node(1)));
    }

    [Fact]
    public void Down_and_exiting_members_need_not_have_seen_it()
    {
        var g = G(M(1), M(2, MemberStatus.Down), M(3, MemberStatus.Exiting)).Seen(Node(1));
        Assert.True(g.Convergence(Node(1)));
    }

    [Fact]
    public void An_unreachable_up_member_blocks_convergence()
    {
        var g = SeenByAll(G(M(1), M(2), M(3)));
        var blocked = WithReachability(g, Reachability.Empty.Unreachable(Node(1), Node(3)));
        Assert.False(blocked.Convergence(Node(1)));
    }

    [Theory]
    [InlineData(MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting)]
    public void An_unreachable_down_or_exiting_member_does_not_block(MemberStatus status)
    {
        var g = SeenByAll(G(M(1), M(2), M(3, status)));
        Assert.True(WithReachability(g, Reachability.Empty.Unreachable(Node(1), Node(3))).Convergence(Node(1)));
        Assert.True(WithReachability(g, Reachability.Empty.Terminated(Node(1), Node(3))).Convergence(Node(1)));
    }

    [Fact]
    public void The_opinion_of_a_downed_observer_does_not_block()
    {
        var g = SeenByAll(G(M(1), M(2), M(3, MemberStatus.Down)));
        Assert.True(WithReachability(g, Reachability.Empty.Unreachable(Node(3), Node(2))).Convergence(Node(1)));
    }

    [Fact]
    public void Self_being_observed_unreachable_does_not_block_its_own_view()
    {
        var g = SeenByAll(G(M(1), M(2)));
        var r = Reachability.Empty.Unreachable(Node(2), Node(1));
        Assert.True(WithReachability(g, r).Convergence(Node(1)));
        Assert.False(WithReachability(g, r).Convergence(Node(2)));
    }

    [Fact]
    public void Exiting_confirmed_members_do_not_block()
    {
        var g = WithReachability(G(M(1), M(2, MemberStatus.Exiting), M(3, MemberStatus.Leaving)).Seen(Node(1)), Reachability.Empty.Unreachable(Node(1), Node(3)));
        Assert.False(g.Convergence(Node(1)));
        Assert.True(g.Convergence(Node(1), ImmutableSortedSet.Create(Node(3))));
    }
}
