using System.Collections.Immutable;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Membership;

public sealed class MembershipInvariantsTests
{
    private static InvariantViolationException Violation(Action check) => Assert.Throws<InvariantViolationException>(check);

    [Fact]
    public void A_well_formed_gossip_passes()
    {
        var g = SeenByAll(G(M(1), M(2), M(3, MemberStatus.Down)))
            .Copy(overview: null)
            .Increment(V(1));
        g = g.Copy(overview: g.Overview with { Reachability = Reachability.Empty.Unreachable(Node(1), Node(3)) });
        MembershipInvariants.Check(g);
        MembershipInvariants.CheckTransition(g, g);
    }

    [Fact]
    public void A_removed_member_in_the_set_is_detected()
    {
        var g = G(M(1)).Copy(members: ImmutableSortedSet.Create(M(1), Member.Removed(Node(2))));
        var ex = Violation(() => MembershipInvariants.Check(g));
        Assert.Equal(MembershipInvariants.NoRemovedMembers, ex.Invariant);
        Assert.Contains(Node(2).ToString(), ex.Message);
    }

    [Fact]
    public void A_member_set_with_a_foreign_order_is_detected()
    {
        var byAge = ImmutableSortedSet.Create(Member.AgeOrdering, M(2, MemberStatus.Up, 1), M(1, MemberStatus.Up, 2));
        var ex = Violation(() => MembershipInvariants.Check(G(M(1)).Copy(members: byAge)));
        Assert.Equal(MembershipInvariants.UniqueMembers, ex.Invariant);
    }

    [Fact]
    public void Seen_by_a_non_member_is_detected()
    {
        var g = G(M(1)).Copy(overview: new GossipOverview([Node(1), Node(5)], Reachability.Empty));
        var ex = Violation(() => MembershipInvariants.Check(g));
        Assert.Equal(MembershipInvariants.SeenOnlyMembers, ex.Invariant);
        Assert.Contains(Node(5).ToString(), ex.Message);
    }

    [Fact]
    public void Reachability_about_or_by_a_non_member_is_detected()
    {
        var about = G(M(1)).Copy(overview: new GossipOverview([], Reachability.Empty.Unreachable(Node(1), Node(7))));
        Assert.Equal(MembershipInvariants.ReachabilityOnlyMembers, Violation(() => MembershipInvariants.Check(about)).Invariant);
        var by = G(M(1)).Copy(overview: new GossipOverview([], Reachability.Empty.Unreachable(Node(7), Node(1))));
        Assert.Equal(MembershipInvariants.ReachabilityOnlyMembers, Violation(() => MembershipInvariants.Check(by)).Invariant);
    }

    [Theory]
    [InlineData(MemberStatus.Up, MemberStatus.Joining)]
    [InlineData(MemberStatus.Down, MemberStatus.Up)]
    [InlineData(MemberStatus.Exiting, MemberStatus.Leaving)]
    [InlineData(MemberStatus.Down, MemberStatus.Exiting)]
    [InlineData(MemberStatus.WeaklyUp, MemberStatus.Joining)]
    public void A_member_moving_backwards_is_detected(MemberStatus before, MemberStatus after)
    {
        var ex = Violation(() => MembershipInvariants.CheckTransition(G(M(1), M(2, before)), G(M(1), M(2, after))));
        Assert.Equal(MembershipInvariants.StatusMonotonic, ex.Invariant);
        Assert.Equal($"invariant 'status-monotonic' violated: member {Node(2)} moved backwards from {before} to {after}", ex.Message);
    }

    [Fact]
    public void Forward_moves_removal_and_new_members_pass()
    {
        var before = G(M(1), M(2, MemberStatus.Joining), M(3, MemberStatus.Up), M(4, MemberStatus.Leaving));
        var after = G(M(1), M(2, MemberStatus.Exiting), M(4, MemberStatus.Down), M(5, MemberStatus.Joining));
        MembershipInvariants.CheckTransition(before, after);
    }

    [Fact]
    public void A_new_incarnation_is_another_member_and_passes()
    {
        MembershipInvariants.CheckTransition(G(M(1), M(2)), G(M(1), Member.Create(Node(2, uid: 99))));
    }

    [Fact]
    public void A_clock_entry_going_back_is_detected()
    {
        var before = G(M(1), M(2)).Increment(V(1)).Increment(V(1));
        var after = G(M(1), M(2)).Increment(V(1)).Increment(V(2)).Increment(V(2));
        var ex = Violation(() => MembershipInvariants.CheckTransition(before, after));
        Assert.Equal(MembershipInvariants.VersionMonotonic, ex.Invariant);
        Assert.Contains("went back from 2 to 1", ex.Message);
    }

    [Fact]
    public void A_clock_entry_of_a_live_member_disappearing_is_detected()
    {
        var before = G(M(1), M(2)).Increment(V(2));
        var ex = Violation(() => MembershipInvariants.CheckTransition(before, before.Prune(V(2))));
        Assert.Equal(MembershipInvariants.VersionMonotonic, ex.Invariant);
        Assert.Contains("disappeared", ex.Message);
    }

    [Fact]
    public void Pruning_a_removed_member_and_merging_concurrent_versions_pass()
    {
        var before = G(M(1), M(2, MemberStatus.Down)).Increment(V(2)).Increment(V(1));
        MembershipInvariants.CheckTransition(before, G(M(1)).Copy(version: before.Version.Prune(V(2)).Increment(V(1))));

        var mine = G(M(1), M(2)).Increment(V(1));
        var theirs = G(M(1), M(2)).Increment(V(2));
        MembershipInvariants.CheckTransition(mine, mine.Merge(theirs));
        MembershipInvariants.CheckTransition(theirs, mine.Merge(theirs));
    }

    [Fact]
    public void A_tombstoned_member_coming_back_is_detected()
    {
        var before = G(M(1), M(2)).RemoveAll([Node(3)], DateTimeOffset.UnixEpoch);
        var ex = Violation(() => MembershipInvariants.CheckTransition(before, G(M(1), M(2), M(3, MemberStatus.Leaving))));
        Assert.Equal(MembershipInvariants.NoResurrection, ex.Invariant);
        Assert.Contains(Node(3).ToString(), ex.Message);
    }

    [Fact]
    public void A_thousand_node_step_with_a_large_reachability_table_passes_the_checks()
    {
        var members = Enumerable.Range(1, 1000).Select(i => M(i)).ToArray();
        var before = SeenByAll(Members(members)).Increment(V(1));
        var reach = Enumerable.Range(2, 499).Aggregate(Reachability.Empty, (r, i) => r.Unreachable(Node(1), Node(i + 500)));
        var after = before.Copy(overview: before.Overview with { Reachability = reach }).Increment(V(1));

        MembershipInvariants.CheckTransition(before, after); // its cost is measured by the membership benchmark, not here
    }

    private static Gossip Members(Member[] members) => Gossip.Create(members);
}
