using System.Diagnostics;
using AkkaCompute.Simulation.Cluster;
using Xunit.Abstractions;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>
/// The swarm: 240 seeds of small clusters (3 to 25 nodes) under random partitions, isolations, one-way partitions, crashes and
/// restarts, loss, duplication, reordering and operator commands (<see cref="SwarmCase"/>), each a safety phase with every checker
/// after every step, then a heal and a liveness bound. Split into chunks over two classes so that xunit runs them on two cores.
/// A failure names the seed and the step (or, for liveness, the seed), and <c>SwarmCase.For(seed).Run()</c> reproduces it.
/// </summary>
public static class Swarm
{
    public const int SeedsPerChunk = 30;

    public static void RunChunk(int chunk, ITestOutputHelper output)
    {
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        long steps = 0;
        for (var seed = 1L + (chunk * SeedsPerChunk); seed <= (chunk + 1) * SeedsPerChunk; seed++)
        {
            var swarmCase = SwarmCase.For(seed);
            try
            {
                var report = swarmCase.Run();
                steps += report.Steps;
                if (!report.Converged)
                {
                    failures.Add($"{swarmCase}: did not converge within {swarmCase.LivenessBound} after the heal at {report.HealedAt} (liveness; seed {seed}, ran to step {report.Steps}); reproduce with SwarmCase.For({seed}).Run()");
                }
            }
            catch (SimulationFailureException failure)
            {
                failures.Add($"{swarmCase}: {failure.Message}");
            }
        }

        output.WriteLine($"chunk {chunk}: {SeedsPerChunk} seeds, {steps} steps, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class ClusterSwarmTestsA(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Swarm_chunk_keeps_every_safety_property_and_converges_after_healing(int chunk) => Swarm.RunChunk(chunk, output);
}

public sealed class ClusterSwarmTestsB(ITestOutputHelper output)
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Swarm_chunk_keeps_every_safety_property_and_converges_after_healing(int chunk) => Swarm.RunChunk(chunk, output);
}
