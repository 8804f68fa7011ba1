using System.Diagnostics;
using AkkaCompute.Simulation.Tests.Toy;
using Xunit.Abstractions;

namespace AkkaCompute.Simulation.Tests;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void A_thousand_gossip_nodes_run_sixty_virtual_seconds()
    {
        const int nodes = 1_000;
        var options = new SimulationOptions<Gossip>
        {
            Network = new NetworkOptions { LossProbability = 0.01 },
            MessageSizeBytes = _ => 16,
        };
        var simulation = Scenarios.Gossip(nodes, options).Create(1000);
        var convergedAt = TimeSpan.Zero;

        var wall = Stopwatch.StartNew();
        simulation.RunUntil(TimeSpan.FromSeconds(60), () =>
        {
            if (convergedAt == TimeSpan.Zero && simulation.StepNumber % 10_000 == 0 && MaxGossipChecks.AllConverged(simulation))
            {
                convergedAt = simulation.Now;
            }

            return false;
        });
        wall.Stop();

        var counters = simulation.Counters;
        var ratio = 60.0 / wall.Elapsed.TotalSeconds;
        output.WriteLine($"{nodes} nodes, 60 virtual s in {wall.Elapsed.TotalSeconds:F2} wall s: {ratio:F1} virtual s per wall s; {counters.EventsProcessed:N0} events ({counters.EventsProcessed / wall.Elapsed.TotalSeconds:N0}/s); converged at {convergedAt}");
        output.WriteLine(counters.ToString());

        Assert.Null(simulation.Failure);
        Assert.True(MaxGossipChecks.AllConverged(simulation));
        Assert.NotEqual(TimeSpan.Zero, convergedAt);

        // ~10 sends per node per virtual second (one per 100 ms tick; first tick within 100 ms of start).
        Assert.InRange(counters.MessagesSent, 590_000L, 601_000L);
        Assert.Equal(counters.MessagesSent, counters.TimersFired);
        Assert.Equal(counters.MessagesSent + counters.MessagesDuplicated, counters.MessagesDelivered + counters.MessagesDropped + counters.MessagesInFlight);
        Assert.InRange(counters.DroppedLoss / (double)counters.MessagesSent, 0.008, 0.012);
        Assert.Equal(16 * counters.MessagesSent, counters.BytesSent);
    }
}
