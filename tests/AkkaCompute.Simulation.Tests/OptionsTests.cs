namespace AkkaCompute.Simulation.Tests;

public sealed class OptionsTests
{
    public static TheoryData<string, SimulationOptions<int>> BadOptions => new()
    {
        { "Network.LossProbability", new() { Network = new() { LossProbability = 1.5 } } },
        { "Network.DuplicationProbability", new() { Network = new() { DuplicationProbability = -0.1 } } },
        { "Network.ReorderProbability", new() { Network = new() { ReorderProbability = double.NaN } } },
        { "Network.ReorderDelayMsMax", new() { Network = new() { ReorderDelayMsMax = -1 } } },
        { "Network.Latency.BaseMs", new() { Network = new() { Latency = new() { BaseMs = -1 } } } },
        { "Network.Latency.MaxMs", new() { Network = new() { Latency = new() { BaseMs = 10, MaxMs = 5 } } } },
        { "Network.Latency.JitterMs", new() { Network = new() { Latency = new() { JitterMs = double.PositiveInfinity } } } },
        { "RandomFaults.FaultIntervalMsMean", new() { RandomFaults = new() { FaultIntervalMsMean = 0 } } },
        { "RandomFaults.PartitionGroupsMax", new() { RandomFaults = new() { PartitionGroupsMax = 1 } } },
        { "RandomFaults.RestartAfterMsMean", new() { RandomFaults = new() { RestartAfterMsMean = -5 } } },
        { "RandomFaults.CrashedNodesMax", new() { RandomFaults = new() { CrashedNodesMax = -1 } } },
        { "PendingEventsMax", new() { PendingEventsMax = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_options_are_rejected_with_the_key_in_the_message(string key, SimulationOptions<int> options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Simulation<int>(2, 1, options, (_, _) => new Silent()));

        Assert.Contains(key, error.Message);
        Assert.Contains("must", error.Message);
    }

    [Fact]
    public void Defaults_are_valid_and_documented_values()
    {
        var options = new SimulationOptions<int>();
        options.Validate();

        Assert.Equal(1.0, options.Network.Latency.BaseMs);
        Assert.Equal(4.0, options.Network.Latency.JitterMs);
        Assert.Equal(0.0, options.Network.LossProbability);
        Assert.Null(options.RandomFaults);
        Assert.Equal(10_000_000, options.PendingEventsMax);
        new FaultOptions().Validate();
    }

    [Fact]
    public void Node_count_and_factory_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulation<int>(0, 1, new(), (_, _) => new Silent()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Simulation<int>(SimulationLimits.NodeCountMax + 1, 1, new(), (_, _) => new Silent()));
        Assert.Throws<InvalidOperationException>(() => new Simulation<int>(1, 1, new(), (_, _) => null!));
    }

    [Fact]
    public void An_invalid_per_link_latency_fails_the_run_naming_the_link()
    {
        var options = new SimulationOptions<int> { Network = new() { LinkLatency = (_, _) => new LatencyDistribution { BaseMs = -3 } } };
        var simulation = new Simulation<int>(2, 1, options, (id, _) => id.Index == 0 ? new Sender() : new Silent());

        var failure = Assert.Throws<SimulationFailureException>(() => simulation.Step());

        Assert.Contains("Network.LinkLatency(n0, n1).BaseMs", failure.InnerException!.Message);
    }

    private sealed class Silent : ISimulatedNode<int>
    {
        public void OnStart(ISimContext<int> context)
        {
        }

        public void OnMessage(ISimContext<int> context, NodeId from, int message)
        {
        }

        public void OnTimer(ISimContext<int> context, object tag)
        {
        }
    }

    private sealed class Sender : ISimulatedNode<int>
    {
        public void OnStart(ISimContext<int> context) => context.Send(new NodeId(1), 1);

        public void OnMessage(ISimContext<int> context, NodeId from, int message)
        {
        }

        public void OnTimer(ISimContext<int> context, object tag)
        {
        }
    }
}
