using AkkaCompute.Cluster.Protocol;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>Forming and joining a cluster through seed nodes, driven by hand with explicit times.</summary>
public sealed class ClusterCoreFormationTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Three_seed_nodes_form_one_cluster_with_the_first_seed_as_leader()
    {
        var router = new CoreRouter();
        router.Start(1, 1, 2, 3);
        router.Start(2, 1, 2, 3);
        router.Start(3, 1, 2, 3);

        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 3), 30 * Second), router.View(1));
        Assert.All([1, 2, 3], i => Assert.Equal(router[1].Self, router[i].State.Leader));
        // The first seed formed the cluster as soon as the others said they were not members (InitJoinNack).
        Assert.True(router.Delivered["InitJoinNack"] >= 2);
        Assert.Equal(1, router[1].LatestGossip.GetMember(router[1].Self).UpNumber);
    }

    [Fact]
    public void First_seed_alone_forms_the_cluster_after_the_seed_node_timeout()
    {
        var router = new CoreRouter();
        router.Start(1, 1, 2, 3); // 2 and 3 never start: nobody answers

        router.Run(4 * Second);
        Assert.False(router[1].IsInitialized);
        Assert.True(router.RunUntil(() => router.AllUp(1), 3 * Second));
    }

    [Fact]
    public void A_node_joins_through_a_non_first_seed_when_the_first_is_unreachable()
    {
        var router = new CoreRouter();
        router.Start(1, 1, 2);
        router.Start(2, 1, 2);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));

        router.Partition([3], [1]);
        router.Start(3, 1, 2);
        Assert.True(router.RunUntil(() => router[2].LatestGossip.Members.Count == 3, 10 * Second), router.View(2));
        Assert.Equal(MemberStatus.Joining, router[3].LatestGossip.GetMember(router[3].Self).Status);

        Assert.True(router[3].IsInitialized);
        Assert.Equal([(2, 3, "InitJoinAck")], router.Log.Where(e => e.To == 3 && e.Type == "InitJoinAck"));
        Assert.Equal([(3, 2, "Join")], router.Log.Where(e => e.From == 3 && e.Type == "Join"));
        Assert.Contains((2, 3, "Welcome"), router.Log);
        router.Heal();
        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 3), 30 * Second), router.View(1));
    }

    [Fact]
    public void A_node_without_seeds_waits_for_a_manual_join()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2);
        router.Run(5 * Second);
        Assert.False(router[2].IsInitialized);
        Assert.True(router.AllUp(1));

        router.Act(2, (core, now) => core.Join(CoreRouter.Addr(1), now));
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 10 * Second), router.View(1));
    }

    [Fact]
    public void A_lost_welcome_is_retried_after_retry_unsuccessful_join_after()
    {
        var router = new CoreRouter(ClusterSettings.Default with { RetryUnsuccessfulJoinAfter = TimeSpan.FromSeconds(3) });
        router.Start(1, 1);
        router.Run(Second);

        // Node 2's Join reaches node 1 but the Welcome back is lost (one-way cut 1 -> 2 for a while).
        router.CutOneWay(1, 2);
        router.Start(2);
        router.Act(2, (core, now) => core.Join(CoreRouter.Addr(1), now));
        router.Run(Second);
        Assert.False(router[2].IsInitialized);
        Assert.True(router[1].LatestGossip.Members.Count == 2);
        router.Heal();
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 15 * Second), router.View(1));
        Assert.True(router[2].Counters.JoinAttempts >= 2);
    }

    [Fact]
    public void Events_tell_a_joining_node_its_story_in_order()
    {
        var router = new CoreRouter();
        router.Start(1, 1);
        router.Start(2, 1);
        Assert.True(router.RunUntil(() => router.AllUp(1, 2), 20 * Second));

        var events = router.Events[CoreRouter.Addr(2)];
        var self = router[2].Self;
        var mine = events.OfType<MemberEvent>().Where(e => e.Member.UniqueAddress.Equals(self)).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["MemberJoined", "MemberUp"], mine);
        Assert.Contains(events, e => e is LeaderChanged { Leader: { } l } && l.Equals(router[1].Self));
    }

    [Fact]
    public void The_same_seeds_give_the_same_run()
    {
        static string Run()
        {
            var router = new CoreRouter();
            router.Start(1, 1, 2);
            router.Start(2, 1, 2);
            router.Start(3, 1, 2);
            router.Run(TimeSpan.FromSeconds(15));
            return string.Join(";", router.Delivered.OrderBy(p => p.Key, StringComparer.Ordinal)) + "|" + router[3].LatestGossip;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Tick_interval_is_a_quarter_of_the_smallest_interval_and_at_least_10_ms()
    {
        var self = TestNodes.Node(1);
        Assert.Equal(TimeSpan.FromMilliseconds(250), new ClusterCore(self, ClusterSettings.Default, new HashSet<string>(), 1).TickInterval);
        var fast = ClusterSettings.Default with { GossipInterval = TimeSpan.FromMilliseconds(20) };
        Assert.Equal(TimeSpan.FromMilliseconds(10), new ClusterCore(self, fast, new HashSet<string>(), 1).TickInterval);
    }

    [Fact]
    public void Start_twice_throws_and_bad_settings_name_the_key()
    {
        var core = new ClusterCore(TestNodes.Node(1), ClusterSettings.Default, new HashSet<string>(), 1);
        core.Start(TimeSpan.Zero);
        Assert.Throws<InvalidOperationException>(() => core.Start(TimeSpan.Zero));
        var ex = Assert.Throws<ConfigurationException>(() =>
            new ClusterCore(TestNodes.Node(1), ClusterSettings.Default, new HashSet<string>(), 1, new ClusterCoreOptions { SeedNodeTimeout = TimeSpan.Zero }));
        Assert.Contains("seed-node-timeout", ex.Message);
        Assert.Throws<ArgumentException>(() => new ClusterCore(TestNodes.Node(1), ClusterSettings.Default, new HashSet<string> { "a b" }, 1));
    }
}
