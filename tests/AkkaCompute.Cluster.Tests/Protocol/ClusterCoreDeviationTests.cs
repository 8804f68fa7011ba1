using System.Collections.Immutable;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;
using static AkkaCompute.Cluster.Tests.TestNodes;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>The documented deviations from Akka, each found by the simulator, one test each.</summary>
public sealed class ClusterCoreDeviationTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Leadership_ignores_the_observations_of_Down_members_as_convergence_does()
    {
        // n3 is Down and records n1 unreachable. Akka's rule: n2 leads in its own view, n1 leads in its own (self counts as
        // reachable), and both views converge. Here n1 leads in both.
        var reachability = Reachability.Empty.Unreachable(Node(3), Node(1));
        var gossip = SeenByAll(G(M(1), M(2), M(3, MemberStatus.Down))).Copy(overview: new GossipOverview([Node(1), Node(2), Node(3)], reachability));
        Assert.Equal(Node(2), gossip.Leader(Node(2)));
        Assert.Equal(Node(1), gossip.Leader(Node(1)));
        Assert.True(gossip.Convergence(Node(1)) && gossip.Convergence(Node(2)));

        Assert.Equal(Node(1), ClusterLeadership.Leader(gossip, Node(1)));
        Assert.Equal(Node(1), ClusterLeadership.Leader(gossip, Node(2)));
        Assert.True(ClusterLeadership.IsLeader(gossip, Node(1)));
        Assert.False(ClusterLeadership.IsLeader(gossip, Node(2)));
    }

    [Fact]
    public void A_gossip_from_an_unknown_sender_that_contains_this_node_is_merged()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));
        var core = router[2];

        // A member node 2 has not heard of (node 7) sends the cluster's newer gossip, which contains node 2.
        var stranger = new UniqueAddress(CoreRouter.Addr(7), 7);
        var newer = router[1].LatestGossip.AddMember(Member.Create(stranger, MemberStatus.Up, upNumber: 9))
            .Increment(VectorClockNode.For(router[1].Self)).OnlySeen(router[1].Self);
        core.Receive(new GossipEnvelope(stranger, core.Self, newer), router.Now);
        Assert.True(core.LatestGossip.HasMember(stranger));
    }

    [Fact]
    public void A_removed_incarnation_that_retries_its_join_gets_its_tombstone_and_stops()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1), 10 * Second));
        var member = router[1];
        var removed = new UniqueAddress(CoreRouter.Addr(2), 2002);
        var withTombstone = member.LatestGossip.RemoveAll([removed], DateTimeOffset.UnixEpoch).Increment(VectorClockNode.For(member.Self)).OnlySeen(member.Self);
        member.Receive(new GossipEnvelope(member.Self, member.Self, withTombstone), router.Now); // same cluster, adopt the tombstone
        Assert.True(member.LatestGossip.Tombstones.ContainsKey(removed));
        member.DrainOutbox();

        member.Receive(new Join(removed, new HashSet<string>()), router.Now);
        var reply = Assert.Single(member.DrainOutbox());
        Assert.False(member.LatestGossip.HasMember(removed));

        // The joining incarnation (not yet a member) hears of its tombstone and stops.
        var joiner = new ClusterCore(removed, ClusterSettings.Default, new HashSet<string>(), 2);
        joiner.Join(CoreRouter.Addr(1), router.Now);
        joiner.Receive(reply.Message, router.Now);
        Assert.True(joiner.IsRemoved);
    }

    [Fact]
    public void A_decision_that_leaves_this_side_without_an_Up_member_downs_its_WeaklyUp_members_too()
    {
        var members = ImmutableSortedSet.Create(M(1), M(2), M(3, MemberStatus.WeaklyUp), M(4), M(5));
        var view = new SbrView(Node(1), members, Set(4, 5));
        // n1 and n2 (Up) are downed as indirectly connected, with the other side; n3 (WeaklyUp) would be left alone.
        var decided = Set(1, 2, 4, 5);
        Assert.Equal(Set(1, 2, 3, 4, 5), ClusterCore.WithoutUncountedSurvivors(view, decided).ToImmutableSortedSet());
        // An Up survivor on this side: nothing is added.
        Assert.Equal(Set(4, 5), ClusterCore.WithoutUncountedSurvivors(view, Set(4, 5)).ToImmutableSortedSet());
    }

    [Fact]
    public void A_split_brain_decision_is_one_gossip_version()
    {
        var router = new CoreRouter(ClusterSettings.Default with { SplitBrainResolver = SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromSeconds(3) } });
        for (var i = 1; i <= 5; i++)
        {
            router.Start(i, 1, 2);
        }

        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 3, 4, 5), 30 * Second));
        router.Partition([1, 2, 3], [4, 5]);
        var leader = VectorClockNode.For(router[1].Self);
        long Stamp() => router[1].LatestGossip.Version.Entries.FirstOrDefault(e => e.Key.Equals(leader)).Value;
        var previous = Stamp();
        Assert.True(router.RunUntil(
            () =>
            {
                if (router[1].Counters.SplitBrainDecisions == 1)
                {
                    return true;
                }

                previous = Stamp();
                return false;
            },
            20 * Second));

        // Downing two members took one increment of the leader's clock entry (Akka's one-by-one downing takes two).
        Assert.Equal(previous + 1, Stamp());
        var after = router[1].LatestGossip;
        Assert.Equal(MemberStatus.Down, after.GetMember(router[4].Self).Status);
        Assert.Equal(MemberStatus.Down, after.GetMember(router[5].Self).Status);
    }

    [Fact]
    public void Without_self_join_after_timeout_the_first_seed_needs_every_nack_from_one_round()
    {
        var process = new SeedNodeProcess(Addr(1), [Addr(1), Addr(2), Addr(3)], TimeSpan.Zero, TimeSpan.FromSeconds(5), joinSelfAfterTimeout: false);
        Assert.Equal(SeedStep.SendInitJoin, process.Tick(TimeSpan.Zero));
        Assert.False(process.OnNack(Addr(2), TimeSpan.FromMilliseconds(5)));
        Assert.Equal(SeedStep.SendInitJoin, process.Tick(Second)); // a new round: the old nack no longer counts
        Assert.False(process.OnNack(Addr(3), Second + TimeSpan.FromMilliseconds(5)));
        Assert.True(process.OnNack(Addr(2), Second + TimeSpan.FromMilliseconds(6)));
        Assert.Equal(SeedStep.SendInitJoin, process.Tick(TimeSpan.FromMinutes(10))); // never joins itself on a timeout

        var akka = new SeedNodeProcess(Addr(1), [Addr(1), Addr(2)], TimeSpan.Zero, TimeSpan.FromSeconds(5), joinSelfAfterTimeout: true);
        akka.Tick(TimeSpan.Zero);
        Assert.Equal(SeedStep.JoinSelf, akka.Tick(TimeSpan.FromSeconds(5)));
    }
}
