using System.Collections.Immutable;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Membership;

public sealed class LeaderActionsTests
{
    private static LeaderActionsResult Run(Gossip g, int self, LeaderActionsOptions? options = null) =>
        LeaderActions.Compute(new MembershipState(g, Node(self)), options);

    private static Gossip WithReachability(Gossip g, Reachability r) => g.Copy(overview: g.Overview with { Reachability = r });

    [Fact]
    public void Nothing_happens_on_a_node_that_is_not_the_leader()
    {
        var g = SeenByAll(G(M(1), M(2), M(3, MemberStatus.Joining)));
        var result = Run(g, self: 2);
        Assert.False(result.Changed);
        Assert.Same(g, result.Gossip);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void On_convergence_joining_members_move_up_numbered_after_the_youngest_in_address_order()
    {
        var g = SeenByAll(G(M(1, MemberStatus.Up, 1), M(2, MemberStatus.Up, 4), M(3, MemberStatus.Joining), M(4, MemberStatus.WeaklyUp)));
        var result = Run(g, self: 1);

        Assert.True(result.Converged);
        Assert.True(result.Changed);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(Node(3)).Status);
        Assert.Equal(5, result.Gossip.GetMember(Node(3)).UpNumber);
        Assert.Equal(6, result.Gossip.GetMember(Node(4)).UpNumber);
        Assert.Equal([new MemberUp(result.Gossip.GetMember(Node(3))), new MemberUp(result.Gossip.GetMember(Node(4)))], result.Events);
    }

    [Fact]
    public void The_first_node_moves_itself_up_with_number_one()
    {
        var g = G(M(1, MemberStatus.Joining)).Seen(Node(1));
        var result = Run(g, self: 1);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(Node(1)).Status);
        Assert.Equal(1, result.Gossip.GetMember(Node(1)).UpNumber);
        // It already led as the only (Joining) member, so the leader does not change.
        Assert.IsType<MemberUp>(Assert.Single(result.Events));
    }

    [Fact]
    public void A_changed_gossip_is_stamped_by_the_leader_and_seen_only_by_it()
    {
        var g = SeenByAll(G(M(1), M(2, MemberStatus.Joining))).Increment(V(2));
        var result = Run(g, self: 1);
        Assert.True(result.Gossip.Version.IsAfter(g.Version));
        Assert.Equal(1, result.Gossip.Version[V(1)]);
        Assert.Equal([Node(1)], result.Gossip.SeenBy);
        MembershipInvariants.CheckTransition(g, result.Gossip);
    }

    [Fact]
    public void Min_nr_of_members_holds_joining_members_back()
    {
        var g = SeenByAll(G(M(1, MemberStatus.Joining), M(2, MemberStatus.Joining)));
        Assert.False(Run(g, 1, new LeaderActionsOptions { MinNrOfMembers = 3 }).Changed);
        Assert.True(Run(g, 1, new LeaderActionsOptions { MinNrOfMembers = 2 }).Changed);
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(g, 1, new LeaderActionsOptions { MinNrOfMembers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(g, 1, new LeaderActionsOptions { PruneGossipTombstonesAfter = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void On_convergence_leaving_members_move_to_exiting()
    {
        var g = SeenByAll(G(M(1), M(2, MemberStatus.Leaving)));
        var result = Run(g, self: 1);
        Assert.Equal(MemberStatus.Exiting, result.Gossip.GetMember(Node(2)).Status);
        Assert.Equal([new MemberExited(result.Gossip.GetMember(Node(2)))], result.Events);
        Assert.Equal(MemberStatus.Exiting, ((MemberExited)result.Events[0]).Member.Status);
    }

    [Fact]
    public void Without_convergence_nothing_moves_up()
    {
        var g = G(M(1), M(2), M(3, MemberStatus.Joining)).Seen(Node(1));
        var result = Run(g, self: 1);
        Assert.False(result.Converged);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Unreachable_down_and_exiting_members_are_removed_and_pruned_everywhere()
    {
        var reach = Reachability.Empty.Unreachable(Node(1), Node(3)).Unreachable(Node(1), Node(4)).Unreachable(Node(3), Node(2));
        var g = WithReachability(SeenByAll(G(M(1), M(2), M(3, MemberStatus.Down), M(4, MemberStatus.Exiting))), reach)
            .Increment(V(3)).Increment(V(4)).Increment(V(1));
        var result = Run(g, self: 1);

        Assert.True(result.Converged);
        Assert.Equal([Node(1), Node(2)], result.Gossip.Members.Select(m => m.UniqueAddress));
        Assert.Equal(0, result.Gossip.Version[V(3)]);
        Assert.Equal(0, result.Gossip.Version[V(4)]);
        Assert.True(result.Gossip.Overview.Reachability.IsAllReachable);
        Assert.DoesNotContain(Node(3), result.Gossip.SeenBy);
        Assert.Equal(
            [new MemberRemoved(M(3, MemberStatus.Removed), MemberStatus.Down), new MemberRemoved(M(4, MemberStatus.Removed), MemberStatus.Exiting)],
            result.Events.OfType<MemberRemoved>());
        Assert.All(result.Events.OfType<MemberRemoved>(), e => Assert.Equal(MemberStatus.Removed, e.Member.Status));
        MembershipInvariants.CheckTransition(g, result.Gossip);
    }

    [Fact]
    public void Removed_members_are_tombstoned_at_the_leader_time_and_old_tombstones_are_pruned()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(10);
        var reach = Reachability.Empty.Unreachable(Node(1), Node(3));
        var g = WithReachability(SeenByAll(G(M(1), M(2), M(3, MemberStatus.Down))), reach);
        g = g.Copy(tombstones: g.Tombstones.Add(Node(8), now.AddHours(-25)).Add(Node(9), now.AddHours(-23)));

        var result = Run(g, 1, new LeaderActionsOptions { Now = now });
        Assert.Equal([Node(3), Node(9)], result.Gossip.Tombstones.Keys);
        Assert.Equal(now, result.Gossip.Tombstones[Node(3)]);
    }

    [Fact]
    public void Pruning_old_tombstones_alone_is_a_change()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(10);
        var g = SeenByAll(G(M(1), M(2)));
        g = g.Copy(tombstones: g.Tombstones.Add(Node(8), now.AddDays(-2)));
        var result = Run(g, 1, new LeaderActionsOptions { Now = now });
        Assert.True(result.Changed);
        Assert.Empty(result.Gossip.Tombstones);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void The_leader_never_removes_itself()
    {
        // Everyone else is Down, so the Exiting node 1 leads; it is unreachable for node 2 but must not remove itself.
        var reach = Reachability.Empty.Unreachable(Node(2), Node(1)).Unreachable(Node(1), Node(2));
        var g = WithReachability(G(M(1, MemberStatus.Exiting), M(2, MemberStatus.Down)).Seen(Node(1)), reach);
        var result = Run(g, 1);
        Assert.True(result.Gossip.HasMember(Node(1)));
        Assert.False(result.Gossip.HasMember(Node(2)));
        MembershipInvariants.Check(result.Gossip);
    }

    [Fact]
    public void A_reachable_down_member_is_not_removed_yet()
    {
        var g = SeenByAll(G(M(1), M(2, MemberStatus.Down)));
        Assert.False(Run(g, self: 1).Changed);
    }

    [Fact]
    public void Exiting_confirmed_members_are_removed_even_while_reachable()
    {
        var g = G(M(1), M(2, MemberStatus.Exiting)).Seen(Node(1));
        var result = Run(g, 1, new LeaderActionsOptions { ExitingConfirmed = ImmutableSortedSet.Create(Node(2)) });
        Assert.Equal([Node(1)], result.Gossip.Members.Select(m => m.UniqueAddress));
    }

    [Fact]
    public void Without_convergence_joining_members_become_weakly_up_only_when_asked()
    {
        var reach = Reachability.Empty.Unreachable(Node(1), Node(2));
        var g = WithReachability(SeenByAll(G(M(1), M(2), M(3, MemberStatus.Joining), M(4, MemberStatus.Joining))), reach);
        Assert.False(Run(g, 1).Changed);

        var result = Run(g, 1, new LeaderActionsOptions { MoveJoiningToWeaklyUp = true });
        Assert.False(result.Converged);
        Assert.Equal(MemberStatus.WeaklyUp, result.Gossip.GetMember(Node(3)).Status);
        Assert.Equal(MemberStatus.WeaklyUp, result.Gossip.GetMember(Node(4)).Status);
        Assert.Equal(Member.NotUp, result.Gossip.GetMember(Node(3)).UpNumber);
        Assert.Equal(2, result.Events.OfType<MemberWeaklyUp>().Count());
    }

    [Fact]
    public void An_unreachable_joining_member_does_not_become_weakly_up()
    {
        var reach = Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(1), Node(3));
        var g = WithReachability(SeenByAll(G(M(1), M(2), M(3, MemberStatus.Joining))), reach);
        Assert.False(Run(g, 1, new LeaderActionsOptions { MoveJoiningToWeaklyUp = true }).Changed);
    }

    [Fact]
    public void Weakly_up_members_move_up_once_convergence_returns()
    {
        var g = SeenByAll(G(M(1), M(2, MemberStatus.WeaklyUp)));
        var result = Run(g, 1);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(Node(2)).Status);
        Assert.IsType<MemberUp>(Assert.Single(result.Events));
    }

    [Theory]
    [InlineData(true, 7, true)]
    [InlineData(true, 6.999, false)]
    [InlineData(false, 100, false)]
    public void Weakly_up_decision_from_settings_and_time(bool allow, double seconds, bool expected)
    {
        var settings = ClusterSettings.Default with { AllowWeaklyUpMembers = allow };
        Assert.Equal(expected, LeaderActions.ShouldMoveJoiningToWeaklyUp(settings, TimeSpan.FromSeconds(seconds)));
    }
}
