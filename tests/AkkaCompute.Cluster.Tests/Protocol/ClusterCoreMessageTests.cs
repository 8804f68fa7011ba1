using System.Collections.Immutable;
using AkkaCompute.Cluster.Protocol;
using HeartbeatMessage = AkkaCompute.Cluster.Protocol.Heartbeat;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>Single messages against a single core: answers, bad input, heartbeats, the heartbeat ring.</summary>
public sealed class ClusterCoreMessageTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static ClusterCore Singleton(int i = 1)
    {
        var core = new ClusterCore(TestNodes.Node(i), ClusterSettings.Default with { SeedNodes = [TestNodes.Addr(i)] }, new HashSet<string>(), i,
            new ClusterCoreOptions { CheckInvariants = true });
        core.Start(TimeSpan.Zero);
        core.DrainOutbox();
        return core;
    }

    [Fact]
    public void A_single_seed_forms_a_cluster_of_one_and_is_Up_at_once()
    {
        var core = Singleton();
        Assert.True(core.IsInitialized);
        Assert.Equal(MemberStatus.Up, core.State.SelfMember.Status);
        Assert.Equal(core.Self, core.State.Leader);
        var events = core.DrainEvents();
        Assert.Contains(events, e => e is MemberUp);
        Assert.Contains(events, e => e is LeaderChanged);
        Assert.Empty(core.DrainEvents());
    }

    [Fact]
    public void InitJoin_is_acknowledged_by_a_member_and_refused_by_a_stranger_or_a_downed_member()
    {
        var member = Singleton(1);
        var stranger = new ClusterCore(TestNodes.Node(2), ClusterSettings.Default, new HashSet<string>(), 2);
        var asker = TestNodes.Node(3);

        member.Receive(new InitJoin(asker), Second);
        stranger.Receive(new InitJoin(asker), Second);
        Assert.IsType<InitJoinAck>(Assert.Single(member.DrainOutbox()).Message);
        Assert.IsType<InitJoinNack>(Assert.Single(stranger.DrainOutbox()).Message);

        member.Down(member.Self.Address, Second);
        member.DrainOutbox();
        member.Receive(new InitJoin(asker), Second);
        Assert.Contains(member.DrainOutbox(), o => o.Message is InitJoinNack);
    }

    [Fact]
    public void Malformed_messages_are_dropped_and_counted_never_thrown()
    {
        var core = Singleton();
        var before = core.LatestGossip;
        core.Receive(new Join(null!, new HashSet<string>()), Second);
        core.Receive(new GossipEnvelope(TestNodes.Node(2), core.Self, null!), Second);
        core.Receive(new HeartbeatMessage(null!, 1), Second);
        core.Receive(new Join(TestNodes.Node(2), new HashSet<string> { "bad role" }), Second);
        Assert.Equal(4, core.Counters.MalformedDropped);
        Assert.Same(before, core.LatestGossip);
        Assert.Empty(core.DrainOutbox());
    }

    [Fact]
    public void A_gossip_that_breaks_an_invariant_is_dropped()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));
        var core = router[2];
        var good = router[1].LatestGossip;
        // A seen set naming a stranger breaks "seen-only-members".
        var bad = good.Increment(VectorClockNode.For(router[1].Self)).Copy(overview: good.Overview with { Seen = good.Overview.Seen.Add(TestNodes.Node(9)) });
        var dropped = core.Counters.MalformedDropped;
        core.Receive(new GossipEnvelope(router[1].Self, core.Self, bad), router.Now);
        Assert.Equal(dropped + 1, core.Counters.MalformedDropped);
        Assert.NotSame(bad, core.LatestGossip);
    }

    [Fact]
    public void Gossip_for_another_incarnation_is_ignored()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));
        var core = router[2];
        var ignored = core.Counters.GossipsIgnored;
        var newer = router[1].LatestGossip.Increment(VectorClockNode.For(router[1].Self));
        core.Receive(new GossipEnvelope(router[1].Self, new UniqueAddress(core.Self.Address, 12345), newer), router.Now);
        Assert.Equal(ignored + 1, core.Counters.GossipsIgnored);
    }

    [Fact]
    public void A_gossip_status_with_the_same_version_shares_the_seen_set()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));
        var a = router[1];
        var g = a.LatestGossip.Increment(VectorClockNode.For(a.Self)).OnlySeen(a.Self);
        a.Receive(new GossipEnvelope(router[2].Self, a.Self, g.Seen(router[2].Self).ClearSeen().Seen(router[2].Self)), router.Now);
        // a adopted the newer version, seen by 2 and by itself.
        Assert.True(a.LatestGossip.SeenByNode(router[2].Self) && a.LatestGossip.SeenByNode(a.Self));

        var b = router[2];
        b.Receive(new GossipEnvelope(a.Self, b.Self, g), router.Now);
        b.DrainOutbox();
        // Same version, and the status names a seen member b did not know had seen it.
        var onlyB = b.LatestGossip.OnlySeen(b.Self);
        b.Receive(new GossipStatus(a.Self, b.Self, onlyB.Version, ImmutableSortedSet.Create(a.Self)), router.Now);
        Assert.True(b.LatestGossip.SeenByNode(a.Self));
    }

    [Fact]
    public void Heartbeats_are_answered_with_the_own_uid_even_before_joining()
    {
        var core = new ClusterCore(TestNodes.Node(2), ClusterSettings.Default, new HashSet<string>(), 2);
        core.Receive(new HeartbeatMessage(TestNodes.Node(1), 7), Second);
        var reply = Assert.Single(core.DrainOutbox());
        Assert.Equal(TestNodes.Addr(1), reply.To);
        Assert.Equal(new HeartbeatRsp(core.Self, 7), reply.Message);
    }

    [Fact]
    public void A_new_incarnation_answering_heartbeats_does_not_keep_the_old_uid_reachable()
    {
        var router = new CoreRouter(ClusterSettings.Default with { SplitBrainResolver = AkkaCompute.Cluster.Sbr.SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromMinutes(5) } });
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));
        var old = router[2].Self;
        router.Crash(2);
        router.Start(2); // same address, new uid, no seeds: it answers heartbeats but does not join
        Assert.True(router.RunUntil(() => router[1].LatestGossip.Overview.Reachability.AllUnreachable.Contains(old), 10 * Second));
        Assert.True(router.Delivered["HeartbeatRsp"] > 0);
    }

    [Fact]
    public void The_heartbeat_ring_picks_the_same_receivers_as_HeartbeatNodeRing()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var n = random.Next(1, 40);
            var nodes = Enumerable.Range(0, n).Select(i => new UniqueAddress(new Address("akc.tcp", "sys", "h" + random.Next(1000), 2552), random.NextInt64())).Distinct().ToList();
            var self = nodes[random.Next(nodes.Count)];
            var unreachable = nodes.Where(_ => random.Next(5) == 0).ToImmutableSortedSet().Remove(self);
            var k = random.Next(1, 12);
            var expected = new HeartbeatNodeRing(self, nodes, unreachable, k).MyReceivers;
            var actual = new HeartbeatRing(self, nodes, unreachable, k).Receivers;
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_full_outbox_drops_and_counts()
    {
        var core = new ClusterCore(TestNodes.Node(2), ClusterSettings.Default, new HashSet<string>(), 2, new ClusterCoreOptions { OutboxMax = 16 });
        for (var i = 0; i < 20; i++)
        {
            core.Receive(new HeartbeatMessage(TestNodes.Node(1), i), Second);
        }

        Assert.Equal(16, core.DrainOutbox().Count);
        Assert.Equal(4, core.Counters.OutboxDropped);
    }

    [Fact]
    public void Time_going_backwards_counts_as_standing_still()
    {
        var core = Singleton();
        core.Tick(TimeSpan.FromSeconds(10));
        core.Tick(TimeSpan.FromSeconds(5));
        core.Receive(new HeartbeatMessage(TestNodes.Node(2), 1), TimeSpan.FromSeconds(1));
        Assert.Single(core.DrainOutbox());
    }
}
