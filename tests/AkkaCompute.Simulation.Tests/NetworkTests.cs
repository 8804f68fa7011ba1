using AkkaCompute.Simulation.Tests.Toy;

namespace AkkaCompute.Simulation.Tests;

public sealed class NetworkTests
{
    private static (ProbeNode Receiver, Simulation<Ping> Simulation) Probe(int count, NetworkOptions network, long seed = 1, Func<Ping, int>? size = null)
    {
        ProbeNode? receiver = null;
        var simulation = new Simulation<Ping>(
            2,
            seed,
            new SimulationOptions<Ping> { Network = network, MessageSizeBytes = size },
            (id, _) =>
            {
                var node = new ProbeNode(id, count);
                if (id.Index == 1)
                {
                    receiver = node;
                }

                return node;
            });
        simulation.RunUntil(TimeSpan.FromSeconds(100));
        return (receiver!, simulation);
    }

    [Fact]
    public void Fixed_latency_is_exact_and_keeps_send_order()
    {
        var (receiver, _) = Probe(1_000, new NetworkOptions { Latency = LatencyDistribution.Fixed(7.5) });

        Assert.Equal(1_000, receiver.Delays.Count);
        Assert.All(receiver.Delays, d => Assert.Equal(TimeSpan.FromMilliseconds(7.5), d));
        Assert.Equal(Enumerable.Range(0, 1_000), receiver.ArrivalOrder);
    }

    [Fact]
    public void Uniform_latency_stays_in_bounds_with_the_expected_mean()
    {
        var (receiver, _) = Probe(20_000, new NetworkOptions { Latency = LatencyDistribution.Uniform(10, 5) });

        Assert.Equal(20_000, receiver.Delays.Count);
        Assert.All(receiver.Delays, d => Assert.InRange(d.TotalMilliseconds, 10.0, 15.0));
        Assert.InRange(receiver.Delays.Average(d => d.TotalMilliseconds), 12.4, 12.6);
        Assert.True(receiver.Delays.Min().TotalMilliseconds < 10.05);
        Assert.True(receiver.Delays.Max().TotalMilliseconds > 14.95);
    }

    [Fact]
    public void Exponential_latency_is_capped_with_the_expected_mean()
    {
        var (receiver, _) = Probe(20_000, new NetworkOptions { Latency = LatencyDistribution.Exponential(2, 3, 20) });

        Assert.All(receiver.Delays, d => Assert.InRange(d.TotalMilliseconds, 2.0, 20.0));

        // E[min(Exp(mean 3), 18)] = 3 * (1 - e^-6) ~= 2.9926, plus the 2 ms base.
        Assert.InRange(receiver.Delays.Average(d => d.TotalMilliseconds), 4.9, 5.1);
        Assert.Contains(receiver.Delays, d => d.TotalMilliseconds > 15);
    }

    [Fact]
    public void Per_link_latency_overrides_the_default()
    {
        var network = new NetworkOptions
        {
            Latency = LatencyDistribution.Fixed(1),
            LinkLatency = (from, to) => from.Index == 0 && to.Index == 1 ? LatencyDistribution.Fixed(40) : null,
        };
        var (receiver, _) = Probe(10, network);

        Assert.All(receiver.Delays, d => Assert.Equal(TimeSpan.FromMilliseconds(40), d));
    }

    [Fact]
    public void Reordering_adds_bounded_extra_delay_and_changes_arrival_order()
    {
        var (receiver, _) = Probe(5_000, new NetworkOptions { Latency = LatencyDistribution.Fixed(5), ReorderProbability = 0.2, ReorderDelayMsMax = 10 });

        Assert.All(receiver.Delays, d => Assert.InRange(d.TotalMilliseconds, 5.0, 15.0));
        var delayed = receiver.Delays.Count(d => d > TimeSpan.FromMilliseconds(5));
        Assert.InRange(delayed, 900, 1_100);
        Assert.NotEqual(Enumerable.Range(0, 5_000), receiver.ArrivalOrder);
    }

    [Fact]
    public void Loss_rate_matches_the_probability()
    {
        const int sent = 50_000;
        var (receiver, simulation) = Probe(sent, new NetworkOptions { LossProbability = 0.1 });
        var counters = simulation.Counters;

        Assert.Equal(sent, counters.MessagesSent);
        Assert.InRange(counters.DroppedLoss / (double)sent, 0.09, 0.11);
        Assert.Equal(sent - counters.DroppedLoss, counters.MessagesDelivered);
        Assert.Equal(counters.MessagesDelivered, receiver.Delays.Count);
        Assert.Equal(0, counters.MessagesDuplicated);
    }

    [Fact]
    public void Duplication_rate_matches_the_probability_and_bytes_are_counted()
    {
        const int sent = 50_000;
        var (receiver, simulation) = Probe(sent, new NetworkOptions { DuplicationProbability = 0.05 }, size: _ => 100);
        var counters = simulation.Counters;

        Assert.InRange(counters.MessagesDuplicated / (double)sent, 0.045, 0.055);
        Assert.Equal(sent + counters.MessagesDuplicated, counters.MessagesDelivered);
        Assert.Equal(counters.MessagesDelivered, receiver.Delays.Count);
        Assert.Equal(100L * sent, counters.BytesSent);
        Assert.Equal(100L * counters.MessagesDelivered, counters.BytesDelivered);
        Assert.Equal(sent, simulation.GetNodeCounters(new NodeId(0)).MessagesSent);
        Assert.Equal(counters.MessagesDuplicated, simulation.GetNodeCounters(new NodeId(0)).MessagesDuplicated);
        Assert.Equal(counters.MessagesDelivered, simulation.GetNodeCounters(new NodeId(1)).MessagesReceived);
        Assert.Equal(counters.BytesDelivered, simulation.GetNodeCounters(new NodeId(1)).BytesReceived);
    }

    [Fact]
    public void Equal_seeds_lose_exactly_the_same_messages()
    {
        var a = Probe(5_000, new NetworkOptions { LossProbability = 0.3, Latency = LatencyDistribution.Uniform(1, 9) }, seed: 9).Receiver;
        var b = Probe(5_000, new NetworkOptions { LossProbability = 0.3, Latency = LatencyDistribution.Uniform(1, 9) }, seed: 9).Receiver;

        Assert.Equal(a.ArrivalOrder, b.ArrivalOrder);
        Assert.Equal(a.Delays, b.Delays);
    }
}
