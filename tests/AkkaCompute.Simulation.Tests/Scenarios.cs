using AkkaCompute.Simulation.Tests.Toy;

namespace AkkaCompute.Simulation.Tests;

/// <summary>Shared scenarios for the toy protocols.</summary>
public static class Scenarios
{
    /// <summary>A lossy, duplicating, reordering network with the random fault schedule on.</summary>
    public static SimulationOptions<Gossip> Chaos => new()
    {
        Network = new NetworkOptions
        {
            Latency = LatencyDistribution.Exponential(1, 3, 200),
            LossProbability = 0.05,
            DuplicationProbability = 0.02,
            ReorderProbability = 0.1,
            ReorderDelayMsMax = 30,
        },
        RandomFaults = new FaultOptions
        {
            FaultIntervalMsMean = 400,
            HealAfterMsMean = 600,
            RestartAfterMsMean = 800,
            CrashedNodesMax = 3,
        },
        MessageSizeBytes = _ => 16,
        MessageDigest = m => (ulong)m.Value,
    };

    public static SimulationScenario<Gossip> Gossip(int nodeCount, SimulationOptions<Gossip> options, bool checkSafety = true) =>
        new(nodeCount, options, (id, uid) => new MaxGossipNode(id, uid), checkSafety ? MaxGossipChecks.InstallSafetyChecker : null);

    public static Simulation<Ping> Flood(int nodeCount, long seed, SimulationOptions<Ping>? options = null) =>
        new(nodeCount, seed, options ?? new SimulationOptions<Ping> { Network = new NetworkOptions { Latency = LatencyDistribution.Fixed(1) } }, (id, uid) => new FloodNode(id, uid));

    public static FloodNode FloodNodeAt(this Simulation<Ping> simulation, int index) => (FloodNode)simulation.GetNode(new NodeId(index))!;

    public static NodeId N(int index) => new(index);

    /// <summary>received[from, to] summed from the FloodNodes' own counts.</summary>
    public static long[,] Received(Simulation<Ping> simulation)
    {
        var n = simulation.NodeCount;
        var matrix = new long[n, n];
        for (var to = 0; to < n; to++)
        {
            if (simulation.GetNode(N(to)) is FloodNode node)
            {
                for (var from = 0; from < node.ReceivedFrom.Length; from++)
                {
                    matrix[from, to] = node.ReceivedFrom[from];
                }
            }
        }

        return matrix;
    }
}
