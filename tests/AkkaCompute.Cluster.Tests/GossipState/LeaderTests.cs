using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

public sealed class LeaderTests
{
    [Fact]
    public void The_leader_is_the_first_up_or_leaving_member_in_address_order()
    {
        Assert.Equal(Node(1), G(M(1), M(2), M(3)).Leader(Node(3)));
        Assert.Equal(Node(2), G(M(1, MemberStatus.Joining), M(2, MemberStatus.Leaving), M(3)).Leader(Node(3)));
        Assert.Equal(Node(3), G(M(1, MemberStatus.Exiting), M(2, MemberStatus.Down), M(3)).Leader(Node(1)));
    }

    [Fact]
    public void Unreachable_members_cannot_lead_except_self_in_its_own_view()
    {
        var g = G(M(1), M(2), M(3)).Copy(overview: new GossipOverview([], Reachability.Empty.Unreachable(Node(2), Node(1))));
        Assert.Equal(Node(2), g.Leader(Node(2)));
        Assert.Equal(Node(1), g.Leader(Node(1)));
    }

    [Fact]
    public void Without_up_members_weakly_up_then_joining_then_exiting_lead()
    {
        Assert.Equal(Node(3), G(M(1, MemberStatus.Joining), M(2, MemberStatus.Exiting), M(3, MemberStatus.WeaklyUp)).Leader(Node(1)));
        Assert.Equal(Node(2), G(M(1, MemberStatus.Exiting), M(2, MemberStatus.Joining), M(3, MemberStatus.Joining)).Leader(Node(1)));
        Assert.Equal(Node(1), G(M(1, MemberStatus.Exiting), M(2, MemberStatus.Down)).Leader(Node(2)));
        Assert.Null(G(M(1, MemberStatus.Down)).Leader(Node(1)));
        Assert.Null(Gossip.Empty.Leader(Node(1)));
    }

    [Fact]
    public void Role_leader_is_the_leader_among_members_with_the_role()
    {
        var g = G(M(1, MemberStatus.Up, 1, "a"), M(2, MemberStatus.Up, 2, "b"), M(3, MemberStatus.Up, 3, "b"));
        Assert.Equal(Node(1), g.RoleLeader("a", Node(1)));
        Assert.Equal(Node(2), g.RoleLeader("b", Node(1)));
        Assert.Null(g.RoleLeader("c", Node(1)));
    }

    [Fact]
    public void Membership_state_answers_for_its_own_node()
    {
        var g = SeenByAll(G(M(1), M(2)));
        var state = new MembershipState(g, Node(2));
        Assert.Equal(Node(1), state.Leader);
        Assert.True(state.IsLeader(Node(1)));
        Assert.False(state.IsLeader(Node(2)));
        Assert.True(state.Convergence());
        Assert.Equal(Node(2), state.SelfMember.UniqueAddress);
        Assert.True(state.ValidNodeForGossip(Node(1)));
        Assert.False(state.ValidNodeForGossip(Node(2)));
        Assert.Equal(MemberStatus.Removed, new MembershipState(g, Node(9)).SelfMember.Status);
    }
}
