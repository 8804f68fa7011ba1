using AkkaCompute.Simulation.Tests.Toy;
using static AkkaCompute.Simulation.Tests.Scenarios;

namespace AkkaCompute.Simulation.Tests;

public sealed class PartitionTests
{
    private const int Nodes = 6;

    /// <summary>Runs one more second and returns what each directed link delivered in it.</summary>
    private static long[,] DeliveredDuringNextSecond(Simulation<Ping> simulation)
    {
        var before = Received(simulation);
        simulation.RunUntil(simulation.Now + TimeSpan.FromSeconds(1));
        var after = Received(simulation);
        var delta = new long[Nodes, Nodes];
        for (var from = 0; from < Nodes; from++)
        {
            for (var to = 0; to < Nodes; to++)
            {
                delta[from, to] = after[from, to] - before[from, to];
            }
        }

        return delta;
    }

    private static void AssertLinks(long[,] delivered, Func<int, int, bool> open)
    {
        for (var from = 0; from < Nodes; from++)
        {
            for (var to = 0; to < Nodes; to++)
            {
                if (from == to)
                {
                    continue;
                }

                if (open(from, to))
                {
                    Assert.True(delivered[from, to] > 0, $"n{from}->n{to} should deliver but delivered nothing");
                }
                else
                {
                    Assert.True(delivered[from, to] == 0, $"n{from}->n{to} should be cut but delivered {delivered[from, to]}");
                }
            }
        }
    }

    private static bool SameSide(int a, int b) => (a < 3) == (b < 3);

    [Fact]
    public void Partition_blocks_exactly_the_cut_links_and_heal_restores_them()
    {
        var simulation = Flood(Nodes, 1, new SimulationOptions<Ping> { Network = new NetworkOptions { Latency = LatencyDistribution.Uniform(1, 30) } });
        AssertLinks(DeliveredDuringNextSecond(simulation), (_, _) => true);

        simulation.Partition([N(0), N(1), N(2)], [N(3), N(4), N(5)]);
        Assert.False(simulation.IsLinkOpen(N(0), N(3)));
        Assert.True(simulation.IsLinkOpen(N(0), N(2)));

        // Messages in flight across the cut when it appears are dropped on arrival: exactly zero crosses.
        AssertLinks(DeliveredDuringNextSecond(simulation), SameSide);
        Assert.True(simulation.Counters.DroppedPartition > 0);

        simulation.Heal();
        AssertLinks(DeliveredDuringNextSecond(simulation), (_, _) => true);
    }

    [Fact]
    public void Nodes_named_in_no_group_form_a_group_of_their_own()
    {
        var simulation = Flood(Nodes, 2);
        simulation.Partition([N(0), N(1)]);

        AssertLinks(DeliveredDuringNextSecond(simulation), (a, b) => (a < 2) == (b < 2));
    }

    [Fact]
    public void Three_way_partition_cuts_between_every_pair_of_groups()
    {
        var simulation = Flood(Nodes, 3);
        simulation.Partition([N(0), N(3)], [N(1), N(4)], [N(2), N(5)]);

        AssertLinks(DeliveredDuringNextSecond(simulation), (a, b) => a % 3 == b % 3);
    }

    [Fact]
    public void One_way_partition_cuts_only_one_direction()
    {
        var simulation = Flood(Nodes, 4);
        simulation.PartitionOneWay([N(0), N(1)], [N(4)]);

        Assert.False(simulation.IsLinkOpen(N(0), N(4)));
        Assert.True(simulation.IsLinkOpen(N(4), N(0)));
        AssertLinks(DeliveredDuringNextSecond(simulation), (from, to) => !(from < 2 && to == 4));

        simulation.Heal();
        AssertLinks(DeliveredDuringNextSecond(simulation), (_, _) => true);
    }

    [Fact]
    public void Isolate_cuts_one_node_off_in_both_directions()
    {
        var simulation = Flood(Nodes, 5);
        simulation.Isolate(N(2));

        AssertLinks(DeliveredDuringNextSecond(simulation), (from, to) => from != 2 && to != 2);
    }

    [Fact]
    public void Isolation_inside_a_partition_stacks_on_it()
    {
        var simulation = Flood(Nodes, 6);
        simulation.Partition([N(0), N(1), N(2)], [N(3), N(4), N(5)]);
        simulation.Isolate(N(4));

        AssertLinks(DeliveredDuringNextSecond(simulation), (a, b) => SameSide(a, b) && a != 4 && b != 4);
    }

    [Fact]
    public void Sends_over_a_cut_that_heals_before_arrival_stay_dropped()
    {
        var simulation = Flood(2, 7, new SimulationOptions<Ping> { Network = new NetworkOptions { Latency = LatencyDistribution.Fixed(50) } });
        simulation.Partition([N(0)], [N(1)]);
        simulation.RunUntil(TimeSpan.FromMilliseconds(10));
        simulation.Heal();
        simulation.RunUntil(TimeSpan.FromMilliseconds(55));

        // The t=0 pings were sent over the cut: dropped at send, even though the link healed before they would have arrived.
        Assert.Equal(0, simulation.FloodNodeAt(1).ReceivedFrom[0]);
        Assert.Equal(2, simulation.Counters.DroppedPartition);
    }

    [Fact]
    public void Bad_partition_arguments_are_rejected()
    {
        var simulation = Flood(Nodes, 8);

        Assert.Throws<ArgumentException>(() => simulation.Partition([N(0), N(1)], [N(1), N(2)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Partition([N(0), N(6)]));
        Assert.Throws<ArgumentException>(() => simulation.Partition());
        Assert.Throws<ArgumentException>(() => simulation.PartitionOneWay([N(0), N(1)], [N(1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Isolate(N(-1)));
    }
}
