using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Simulation.Cluster;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>One swarm run: everything about it (size, profile, network, faults) is drawn from its seed.</summary>
public sealed record SwarmCase(long Seed, int Nodes, bool FastProfile, ClusterSimOptions Options, SimulationOptions<ClusterMessage> Simulation, TimeSpan FaultPhase, TimeSpan LivenessBound)
{
    public static SwarmCase For(long seed, int nodesMin = 3, int nodesMax = 25)
    {
        var r = new Random(unchecked((int)seed * 7919 + 17));
        var nodes = r.Next(nodesMin, nodesMax + 1);
        var fast = r.Next(4) != 0;
        var scale = fast ? 1.0 : 3.0;
        var simulation = new SimulationOptions<ClusterMessage>
        {
            Network = new NetworkOptions
            {
                Latency = LatencyDistribution.Exponential(1, 1 + r.NextDouble() * 4, 200),
                LossProbability = r.Next(3) == 0 ? 0 : r.NextDouble() * 0.05,
                DuplicationProbability = r.NextDouble() * 0.02,
                ReorderProbability = r.NextDouble() * 0.1,
                ReorderDelayMsMax = 30,
            },
            RandomFaults = new FaultOptions
            {
                FaultIntervalMsMean = scale * (1_000 + r.NextDouble() * 5_000),
                HealAfterMsMean = scale * (1_000 + r.NextDouble() * 7_000),
                RestartAfterMsMean = scale * (1_000 + r.NextDouble() * 4_000),
                CrashedNodesMax = 1 + r.Next(Math.Max(1, nodes / 3)),
                PartitionWeight = r.NextDouble(),
                IsolateWeight = r.NextDouble(),
                OneWayPartitionWeight = r.NextDouble() * 0.5,
                CrashWeight = r.NextDouble(),
            },
        };
        var options = new ClusterSimOptions
        {
            Settings = fast ? ClusterSimOptions.FastProfile : ClusterSimOptions.DefaultProfile,
            SeedCount = Math.Min(nodes, 1 + r.Next(3)),
            OperatorCommandIntervalMsMean = r.Next(2) == 0 ? null : scale * (3_000 + r.NextDouble() * 7_000),
            FaultPhase = TimeSpan.FromSeconds(fast ? 30 : 60),
        };
        return new SwarmCase(seed, nodes, fast, options, simulation,
            TimeSpan.FromSeconds(fast ? 30 : 60), TimeSpan.FromSeconds(fast ? 60 : 120));
    }

    public ClusterSimReport Run() => ClusterSimulation.Create(Nodes, Seed, Options, Simulation).RunPhased(LivenessBound);

    public override string ToString() =>
        $"seed {Seed}: {Nodes} nodes, {(FastProfile ? "fast" : "default")} profile, {Options.SeedCount} seeds, faults every {Simulation.RandomFaults!.FaultIntervalMsMean:F0} ms, loss {Simulation.Network.LossProbability:P1}";
}
