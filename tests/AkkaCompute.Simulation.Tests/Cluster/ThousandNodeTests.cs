using System.Diagnostics;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Simulation.Cluster;
using Xunit.Abstractions;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>A thousand nodes start at once and join through three seed nodes with Akka's default settings.</summary>
public sealed class ThousandNodeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_thousand_nodes_join_through_three_seeds_and_converge_within_60_simulated_seconds()
    {
        var clock = Stopwatch.StartNew();
        var run = ClusterSimulation.Create(1_000, seed: 1, new ClusterSimOptions { SeedCount = 3 });
        var report = run.RunJoin(TimeSpan.FromSeconds(60));
        output.WriteLine($"converged={report.Converged} in {report.ConvergenceTime} ({report.Steps} steps, {report.MessagesPerNodePerSecond:F1} msgs/node/s, {report.BytesPerNodePerSecond:F0} B/node/s, wall {clock.Elapsed.TotalSeconds:F1} s)");

        Assert.True(report.Converged, $"1,000 nodes did not converge within 60 simulated seconds (seed 1, step {report.Steps})");
        Assert.True(report.ConvergenceTime < TimeSpan.FromSeconds(60));
        var leader = run.CoreOf(0)!.State.Leader;
        for (var i = 0; i < 1_000; i++)
        {
            var core = run.CoreOf(i)!;
            Assert.Equal(1_000, core.LatestGossip.Members.Count);
            Assert.Equal(leader, core.State.Leader);
        }

        Assert.Equal(run.CoreOf(0)!.Self, leader);
    }
}
