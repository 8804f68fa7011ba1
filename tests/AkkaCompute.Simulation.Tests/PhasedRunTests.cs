using AkkaCompute.Simulation.Tests.Toy;
using Xunit.Abstractions;

namespace AkkaCompute.Simulation.Tests;

public sealed class PhasedRunTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(3L)]
    [InlineData(20250611L)]
    public void Gossip_converges_after_the_faults_heal(long seed)
    {
        const int nodes = 50;
        var simulation = Scenarios.Gossip(nodes, Scenarios.Chaos).Create(seed);

        // The node holding the maximum is down for the whole safety phase (a scripted crash stays down
        // until HealAll), so convergence can only happen in the liveness phase.
        var max = MaxGossipNode.GlobalMax(nodes);
        var holder = new NodeId(Enumerable.Range(0, nodes).Single(i => MaxGossipNode.InitialValue(new NodeId(i)) == max));
        simulation.Crash(holder);
        simulation.AddStepHook(info =>
        {
            if (info.Kind == StepKind.MessageDelivered && !simulation.IsUp(holder) && ((MaxGossipNode)simulation.GetNode(info.To)!).Value == max)
            {
                throw new InvalidOperationException($"{info.To} learned {max} while its only source {holder} was down");
            }
        });

        var report = PhasedRun.Run(simulation, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), () => MaxGossipChecks.AllConverged(simulation));

        output.WriteLine($"seed {seed}: healed at {report.HealedAt}, converged after {report.ConvergenceTime}, {report.Faults} faults, {report.Steps} steps, {report.Counters}");
        Assert.True(report.Converged, $"seed {seed} did not converge within 30 s of the heal");
        Assert.NotNull(report.ConvergenceTime);
        Assert.True(report.ConvergenceTime > TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), report.HealedAt);
        Assert.Equal(simulation.Now - report.HealedAt, report.ConvergenceTime);
        Assert.Equal(seed, report.Seed);
        Assert.True(report.Faults > 5);
        Assert.False(simulation.RandomFaultsActive);
        Assert.Equal(0, simulation.DownCount);
        Assert.True(MaxGossipChecks.AllConverged(simulation));
    }

    [Fact]
    public void A_predicate_that_never_holds_is_reported_as_not_converged()
    {
        var simulation = Scenarios.Gossip(10, Scenarios.Chaos).Create(1);

        var report = PhasedRun.Run(simulation, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), () => false);

        Assert.False(report.Converged);
        Assert.Null(report.ConvergenceTime);
        Assert.Equal(TimeSpan.FromSeconds(10), simulation.Now);
    }

    [Fact]
    public void Without_the_heal_a_permanently_isolated_node_never_converges()
    {
        // Control for the liveness test: the predicate is not trivially true.
        var simulation = Scenarios.Gossip(10, new SimulationOptions<Gossip>()).Create(1);
        var max = MaxGossipNode.GlobalMax(10);
        var holder = Enumerable.Range(0, 10).Single(i => MaxGossipNode.InitialValue(new NodeId(i)) == max);
        simulation.Isolate(new NodeId(holder));

        var converged = simulation.RunUntil(TimeSpan.FromSeconds(30), () => MaxGossipChecks.AllConverged(simulation));

        Assert.False(converged);
    }
}
