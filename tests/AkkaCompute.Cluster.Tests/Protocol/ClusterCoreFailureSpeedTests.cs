using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Cluster.Sbr;

namespace AkkaCompute.Cluster.Tests.Protocol;

/// <summary>
/// The two deviations that bring a crash to Removed within acceptable-heartbeat-pause + stable-after + 2 gossip rounds: the leader
/// hears of an unreachable member at once, and a split-brain decision reaches every member at once and is removed one round trip
/// later. Virtual time (<see cref="CoreRouter"/>: 10 ms steps, 1 ms links); gossip rounds are 1 s, so each bound below is far
/// shorter than the epidemic rounds the old behaviour needed.
/// </summary>
public sealed class ClusterCoreFailureSpeedTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TwoSteps = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void A_node_that_marks_a_member_unreachable_tells_the_leader_at_once()
    {
        // Each node is monitored by one member only, so the leader (node 1) does not watch the victim itself.
        var router = new CoreRouter(ClusterSettings.Default with { MonitoredByNrOfMembers = 1 });
        for (var i = 1; i <= 6; i++)
        {
            router.Start(i, 1);
        }

        Assert.True(router.RunUntil(() => router.AllUp(), 30 * Second));
        var victim = Enumerable.Range(2, 5).First(v => !Observes(router[1], router[v].Self, router));
        var victimNode = router[victim].Self;
        router.Crash(victim);

        Assert.True(router.RunUntil(() => Observers(router, victimNode).Any(), 10 * Second), "no monitor marked the crashed node unreachable");
        Assert.DoesNotContain(1, Observers(router, victimNode));
        Assert.True(
            router.RunUntil(() => !router[1].LatestGossip.Overview.Reachability.IsReachable(victimNode), TwoSteps),
            "the leader did not hear of the unreachable member within a step of its observer");
    }

    [Fact]
    public void A_split_brain_decision_reaches_every_member_at_once_and_the_leader_removes_the_downed_a_round_trip_later()
    {
        var settings = ClusterSettings.Default with { SplitBrainResolver = SplitBrainResolverSettings.Default with { StableAfter = TimeSpan.FromSeconds(3) } };
        var router = new CoreRouter(settings);
        for (var i = 1; i <= 8; i++)
        {
            router.Start(i, 1);
        }

        Assert.True(router.RunUntil(() => router.AllUp(), 30 * Second));
        var victim = router[8].Self;
        router.Crash(8);
        Assert.True(router.RunUntil(() => router[1].Counters.SplitBrainDecisions == 1, 20 * Second), "no split-brain decision");

        // Every survivor sees the decision within a step, and the leader removes the downed member within the next.
        Assert.True(
            router.RunUntil(() => Enumerable.Range(1, 7).All(i => !router[i].LatestGossip.HasMember(victim) || router[i].LatestGossip.GetMember(victim).Status == MemberStatus.Down), TwoSteps),
            "a survivor did not see the decision within a step");
        Assert.True(router.RunUntil(() => !router[1].LatestGossip.HasMember(victim), TwoSteps), "the leader did not remove the downed member a round trip later");
    }

    /// <summary>Whether the observer heartbeats to (monitors) the subject: its receivers on the heartbeat ring.</summary>
    private static bool Observes(ClusterCore observer, UniqueAddress subject, CoreRouter router)
    {
        var ring = new HeartbeatNodeRing(observer.Self, observer.LatestGossip.Members.Select(m => m.UniqueAddress), [], router.Settings.MonitoredByNrOfMembers);
        return ring.MyReceivers.Contains(subject);
    }

    private static IEnumerable<int> Observers(CoreRouter router, UniqueAddress subject) =>
        Enumerable.Range(1, 6).Where(i => router.IsRunning(i) && router[i].LatestGossip.Overview.Reachability.Status(router[i].Self, subject) == ReachabilityStatus.Unreachable);
}
