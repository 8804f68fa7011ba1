using AkkaCompute.Cluster;
using AkkaCompute.Simulation.Cluster;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>
/// The liveness bound of issue 5 for a crash, with Akka's default settings in simulated time: a crashed member of a 100-node cluster
/// is Removed by the leader within acceptable-heartbeat-pause + stable-after + 2 gossip rounds (25 s). The figure itself is
/// <c>bench/run membership</c>'s <c>sim_failure_removed_s</c>.
/// </summary>
public sealed class FailureToRemovedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_crashed_member_of_100_is_removed_within_pause_plus_stable_after_plus_two_gossip_rounds(int seed)
    {
        var run = ClusterSimulation.Create(100, seed, new ClusterSimOptions { SeedCount = 3 });
        Assert.True(run.RunJoin(TimeSpan.FromSeconds(60)).Converged);
        run.Simulation.RunUntil(run.Simulation.Now + TimeSpan.FromSeconds(5));
        var leader = run.CoreOf(0)!.State.Leader!;
        var leaderIndex = Enumerable.Range(0, 100).First(i => run.CoreOf(i)!.Self.Equals(leader));
        var victimIndex = leaderIndex == 50 ? 51 : 50;
        var victim = run.CoreOf(victimIndex)!.Self;
        var settings = ClusterSettings.Default;
        var bound = settings.AcceptableHeartbeatPause + settings.SplitBrainResolver.StableAfter + (2 * settings.GossipInterval);

        var crashedAt = run.Simulation.Now;
        run.Simulation.Crash(new NodeId(victimIndex));
        Assert.True(
            run.Simulation.RunUntil(crashedAt + bound, () => !run.CoreOf(leaderIndex)!.LatestGossip.HasMember(victim)),
            $"not removed within {bound.TotalSeconds} simulated s");
    }
}
