using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.GossipState;

public sealed class GossipReceiverTests
{
    private static GossipReceiveResult Receive(Gossip local, int self, int from, Gossip remote, bool exiting = false) =>
        GossipReceiver.Receive(new MembershipState(local, Node(self)), Node(from), remote, exiting);

    [Fact]
    public void Gossip_from_a_non_member_an_unreachable_sender_or_without_the_receiver_is_ignored()
    {
        var local = G(M(1), M(2));
        var remote = G(M(1), M(2), M(3)).Increment(V(3));
        Assert.Equal(GossipReceiveOutcome.Ignored, Receive(local, 1, 3, remote).Outcome);

        var unreachable = local.Copy(overview: new GossipOverview([], Reachability.Empty.Unreachable(Node(1), Node(2))));
        var r = Receive(unreachable, 1, 2, remote);
        Assert.Equal(GossipReceiveOutcome.Ignored, r.Outcome);
        Assert.Same(unreachable, r.Gossip);
        Assert.Contains("unreachable", r.IgnoredReason);

        Assert.Equal(GossipReceiveOutcome.Ignored, Receive(local, 1, 2, G(M(2), M(3))).Outcome);
    }

    [Fact]
    public void A_newer_gossip_is_adopted_and_marked_seen()
    {
        var local = G(M(1), M(2)).Increment(V(1));
        var remote = local.UpdateMember(M(2, MemberStatus.Leaving)).Increment(V(2)).OnlySeen(Node(2));
        var r = Receive(local, 1, 2, remote);
        Assert.Equal(GossipReceiveOutcome.Newer, r.Outcome);
        Assert.Equal(MemberStatus.Leaving, r.Gossip.GetMember(Node(2)).Status);
        Assert.Equal([Node(1), Node(2)], r.Gossip.SeenBy);
        Assert.True(r.Talkback);
    }

    [Fact]
    public void An_older_gossip_keeps_the_local_one_and_talks_back()
    {
        var old = G(M(1), M(2)).Increment(V(1));
        var local = old.Increment(V(1)).OnlySeen(Node(1));
        var r = Receive(local, 1, 2, old);
        Assert.Equal(GossipReceiveOutcome.Older, r.Outcome);
        Assert.Same(local, r.Gossip);
        Assert.True(r.Talkback);
    }

    [Fact]
    public void The_same_version_unites_the_seen_sets()
    {
        var g = G(M(1), M(2), M(3)).Increment(V(1));
        var r = Receive(g.OnlySeen(Node(1)), 1, 2, g.OnlySeen(Node(2)).Seen(Node(3)));
        Assert.Equal(GossipReceiveOutcome.Same, r.Outcome);
        Assert.Equal([Node(1), Node(2), Node(3)], r.Gossip.SeenBy);
        Assert.False(Receive(g.OnlySeen(Node(1)), 1, 2, g.Seen(Node(1))).Talkback);
    }

    [Fact]
    public void Concurrent_versions_are_merged_without_a_new_stamp()
    {
        var base_ = G(M(1), M(2), M(3)).Increment(V(1));
        var local = base_.UpdateMember(M(3, MemberStatus.Leaving)).Increment(V(1));
        var remote = base_.UpdateMember(M(2, MemberStatus.Down)).Increment(V(2));
        var r = Receive(local, 1, 2, remote);
        Assert.Equal(GossipReceiveOutcome.Merged, r.Outcome);
        Assert.Equal(MemberStatus.Leaving, r.Gossip.GetMember(Node(3)).Status);
        Assert.Equal(MemberStatus.Down, r.Gossip.GetMember(Node(2)).Status);
        Assert.Equal(local.Version.Merge(remote.Version), r.Gossip.Version);
        Assert.Equal([Node(1)], r.Gossip.SeenBy);
    }

    [Fact]
    public void A_merge_that_prunes_a_removed_node_entry_is_stamped_by_the_receiver()
    {
        // Node 4 added node 5 (its clock entry is the only trace) and was then removed by the leader, who never saw node 5.
        var base_ = G(M(1), M(2), M(3), M(4)).Increment(V(1));
        var withJoin = base_.AddMember(Member.Create(Node(5))).Increment(V(4));
        var local = withJoin.Increment(V(2)); // node 2 also made a change of its own
        var leader = base_.UpdateMember(M(4, MemberStatus.Down)).Increment(V(1)).RemoveAll([Node(4)], DateTimeOffset.UnixEpoch).Increment(V(1));

        var r = Receive(local, 2, 1, leader);
        Assert.Equal(GossipReceiveOutcome.Merged, r.Outcome);
        Assert.True(r.Gossip.HasMember(Node(5)));
        Assert.False(r.Gossip.HasMember(Node(4)));
        Assert.Equal(2, r.Gossip.Version[V(2)]);
        Assert.Equal(VectorClockOrdering.After, r.Gossip.Version.Compare(leader.Version));
        MembershipInvariants.CheckTransition(local, r.Gossip);
    }

    [Fact]
    public void While_exiting_tasks_run_the_receiver_does_not_mark_the_gossip_seen()
    {
        var local = G(M(1), M(2)).Increment(V(1));
        var remote = local.Increment(V(2)).OnlySeen(Node(2));
        var r = Receive(local, 1, 2, remote, exiting: true);
        Assert.Equal([Node(2)], r.Gossip.SeenBy);
        Assert.False(r.Talkback);
    }
}
