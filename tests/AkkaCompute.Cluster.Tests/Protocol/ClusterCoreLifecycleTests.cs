using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>Leaving, downing, failure detection, the split-brain resolver and restarts, driven by hand with explicit times.</summary>
public sealed class ClusterCoreLifecycleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static CoreRouter Formed(int size, ClusterSettings? settings = null)
    {
        var router = new CoreRouter(settings);
        var seeds = Enumerable.Range(1, Math.Min(size, 3)).ToArray();
        for (var i = 1; i <= size; i++)
        {
            router.Start(i, seeds);
        }

        var all = Enumerable.Range(1, size).ToArray();
        Assert.True(router.RunUntil(() => router.AllUp(all), 30 * Second), router.View(1));
        return router;
    }

    private static bool Gone(CoreRouter router, UniqueAddress node, params int[] observers) =>
        observers.All(i => !router[i].LatestGossip.HasMember(node));

    [Fact]
    public void A_member_that_leaves_goes_Leaving_Exiting_and_is_removed_and_stops()
    {
        var router = Formed(3);
        var leaver = router[3].Self;
        router.Act(3, (core, now) => core.Leave(core.Self.Address, now));
        Assert.Equal(MemberStatus.Leaving, router[3].LatestGossip.GetMember(leaver).Status);

        Assert.True(router.RunUntil(() => router[3].IsRemoved, 10 * Second), router.View(3));
        Assert.True(router.RunUntil(() => Gone(router, leaver, 1, 2), 10 * Second), router.View(1));
        Assert.True(router.AllUp(1, 2));

        var statuses = router.Events[CoreRouter.Addr(1)].OfType<MemberEvent>().Where(e => e.Member.UniqueAddress.Equals(leaver)).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["MemberJoined", "MemberUp", "MemberLeft", "MemberExited", "MemberRemoved"], statuses.Distinct());
        var removed = router.Events[CoreRouter.Addr(1)].OfType<MemberRemoved>().Single(e => e.Member.UniqueAddress.Equals(leaver));
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        // The exiting node confirmed to the leader, so removal did not wait for the failure detector.
        Assert.Contains((3, 1, "ExitingConfirmed"), router.Log);
    }

    [Fact]
    public void A_member_downed_by_an_operator_stops_and_is_removed_once_unreachable()
    {
        var router = Formed(3);
        var victim = router[3].Self;
        router.Act(1, (core, now) => core.Down(CoreRouter.Addr(3), now));
        Assert.Equal(MemberStatus.Down, router[1].LatestGossip.GetMember(victim).Status);

        Assert.True(router.RunUntil(() => router[3].IsRemoved, 10 * Second), router.View(3));
        router.Crash(3); // the host shuts it down
        Assert.True(router.RunUntil(() => Gone(router, victim, 1, 2), 15 * Second), router.View(1));
        Assert.True(router.AllUp(1, 2));
        Assert.Contains(router.Events[CoreRouter.Addr(2)], e => e is MemberDowned d && d.Member.UniqueAddress.Equals(victim));
        Assert.Contains(router.Events[CoreRouter.Addr(2)], e => e is MemberRemoved { PreviousStatus: MemberStatus.Down } r && r.Member.UniqueAddress.Equals(victim));
    }

    [Fact]
    public void Unknown_addresses_in_operator_commands_change_nothing()
    {
        var router = Formed(2);
        var before = router[1].LatestGossip;
        router.Act(1, (core, now) => core.Down(CoreRouter.Addr(9), now));
        router.Act(1, (core, now) => core.Leave(CoreRouter.Addr(9), now));
        Assert.Same(before, router[1].LatestGossip);
    }

    [Fact]
    public void A_crashed_member_becomes_unreachable_and_the_split_brain_resolver_downs_it_after_stable_after()
    {
        var router = Formed(3);
        var victim = router[3].Self;
        var crashedAt = router.Now;
        router.Crash(3);

        // Phi crosses 8 about 4.6 s after the last heartbeat (1 s mean + 3 s acceptable pause + 5.6 sigma of 100 ms).
        Assert.True(router.RunUntil(() => router[1].LatestGossip.Overview.Reachability.AllUnreachable.Contains(victim), 10 * Second));
        var detected = router.Now - crashedAt;
        Assert.InRange(detected, 4 * Second, 7 * Second);
        Assert.Contains(router.Events[CoreRouter.Addr(2)], e => e is UnreachableMember u && u.Member.UniqueAddress.Equals(victim));

        // Nothing is downed before stable-after (20 s) ...
        router.Run(15 * Second);
        Assert.Equal(MemberStatus.Up, router[1].LatestGossip.GetMember(victim).Status);
        // ... then the leader downs it and removes it.
        Assert.True(router.RunUntil(() => Gone(router, victim, 1, 2), 15 * Second), router.View(1));
        Assert.InRange(router.Now - crashedAt, 24 * Second, 31 * Second);
        Assert.Equal(1, router[1].Counters.SplitBrainDecisions);
        Assert.True(router.AllUp(1, 2));
    }

    [Fact]
    public void Keep_majority_downs_the_minority_side_of_a_partition_and_the_minority_stops_itself()
    {
        var router = Formed(5);
        var minority = new[] { router[4].Self, router[5].Self };
        router.Partition([1, 2, 3], [4, 5]);

        Assert.True(router.RunUntil(() => router[4].IsRemoved && router[5].IsRemoved, 40 * Second), router.View(4));
        Assert.True(router.RunUntil(() => minority.All(m => Gone(router, m, 1, 2, 3)), 20 * Second), router.View(1));
        Assert.True(router.AllUp(1, 2, 3));
        // The minority downed itself (DownReachable): node 4's last view has both of them Down and nobody on the majority side Down.
        Assert.All(minority, m => Assert.Equal(MemberStatus.Down, router[4].LatestGossip.GetMember(m).Status));
        Assert.All([1, 2, 3], i => Assert.Equal(MemberStatus.Up, router[4].LatestGossip.GetMember(router[i].Self).Status));
    }

    [Fact]
    public void A_healed_partition_before_stable_after_downs_nobody()
    {
        var router = Formed(4);
        router.Partition([1, 2], [3, 4]);
        Assert.True(router.RunUntil(() => !router[1].LatestGossip.Overview.Reachability.IsAllReachable, 10 * Second));
        router.Run(5 * Second);
        router.Heal();
        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 3, 4), 20 * Second), router.View(1));
        Assert.Contains(router.Events[CoreRouter.Addr(1)], e => e is ReachableMember);
        Assert.All([1, 2, 3, 4], i => Assert.Equal(0, router[i].Counters.SplitBrainDecisions));
    }

    [Fact]
    public void A_restarted_node_with_a_new_uid_joins_again_and_its_old_uid_is_removed()
    {
        var router = Formed(3, ClusterSettings.Default with { RetryUnsuccessfulJoinAfter = TimeSpan.FromSeconds(3) });
        var old = router[3].Self;
        router.Crash(3);
        router.Run(Second);
        var fresh = router.Start(3, 1, 2, 3).Self;
        Assert.NotEqual(old, fresh);
        Assert.Equal(old.Address, fresh.Address);

        // The Join of the new incarnation makes the old one terminated and Down at once; the leader removes it on convergence.
        Assert.True(router.RunUntil(() => Gone(router, old, 1, 2), 5 * Second), router.View(1));
        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 3), 20 * Second), router.View(1));
        Assert.Contains(router.Events[CoreRouter.Addr(1)], e => e is MemberRemoved r && r.Member.UniqueAddress.Equals(old));
        Assert.True(router[1].LatestGossip.Tombstones.ContainsKey(old));
    }

    [Fact]
    public void A_node_removed_while_partitioned_away_stops_when_it_hears_of_its_tombstone()
    {
        var router = Formed(3);
        var zombie = router[3].Self;
        router.Partition([1, 2], [3]);
        Assert.True(router.RunUntil(() => router[1].LatestGossip.Overview.Reachability.AllUnreachable.Contains(zombie), 10 * Second));
        router.Act(1, (core, now) => core.Down(zombie.Address, now));
        Assert.True(router.RunUntil(() => Gone(router, zombie, 1, 2), 10 * Second), router.View(1));
        Assert.False(router[3].IsRemoved); // its own resolver would only act after stable-after

        router.Heal();
        Assert.True(router.RunUntil(() => router[3].IsRemoved, 5 * Second), router.View(3));
    }

    [Fact]
    public void A_joining_node_becomes_WeaklyUp_while_convergence_is_blocked()
    {
        var router = Formed(3, ClusterSettings.Default with { SplitBrainResolver = SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromMinutes(5) } });
        router.Crash(3);
        Assert.True(router.RunUntil(() => !router[1].LatestGossip.Overview.Reachability.IsAllReachable, 10 * Second));
        router.Start(4, 1, 2);
        Assert.True(router.RunUntil(() => router[4].LatestGossip.GetMember(router[4].Self).Status == MemberStatus.WeaklyUp, 15 * Second), router.View(4));
        Assert.Contains(router.Events[CoreRouter.Addr(4)], e => e is MemberWeaklyUp w && w.Member.UniqueAddress.Equals(router[4].Self));

        // Downing the crashed node lets the cluster converge: WeaklyUp becomes Up.
        router.Act(1, (core, now) => core.Down(CoreRouter.Addr(3), now));
        Assert.True(router.RunUntil(() => router.AllUp(1, 2, 4), 15 * Second), router.View(1));
    }
}
