namespace AkkaCompute.Simulation.Tests.Toy;

/// <summary>
/// Checkers for the max-register protocol. The safety checker is incremental: after each step it
/// looks only at the node the step touched, so it costs O(1) per step even for 1,000 nodes.
/// </summary>
public static class MaxGossipChecks
{
    public static void InstallSafetyChecker(Simulation<Gossip> simulation)
    {
        var max = MaxGossipNode.GlobalMax(simulation.NodeCount);
        var lastValue = new long[simulation.NodeCount];
        var lastIncarnation = new int[simulation.NodeCount];
        simulation.AddStepHook(info =>
        {
            if (info.Kind is not (StepKind.MessageDelivered or StepKind.NodeStarted))
            {
                return;
            }

            var node = (MaxGossipNode)simulation.GetNode(info.To)!;
            var incarnation = simulation.GetIncarnation(info.To);
            if (node.Value > max)
            {
                throw new InvalidOperationException($"{info.To} holds {node.Value}, above the global max {max}");
            }

            if (incarnation == lastIncarnation[info.To.Index] && node.Value < lastValue[info.To.Index])
            {
                throw new InvalidOperationException($"{info.To} went down from {lastValue[info.To.Index]} to {node.Value}");
            }

            lastIncarnation[info.To.Index] = incarnation;
            lastValue[info.To.Index] = node.Value;
        });
    }

    public static bool AllConverged(Simulation<Gossip> simulation)
    {
        var max = MaxGossipNode.GlobalMax(simulation.NodeCount);
        for (var i = 0; i < simulation.NodeCount; i++)
        {
            if (simulation.GetNode(new NodeId(i)) is not MaxGossipNode node || node.Value != max)
            {
                return false;
            }
        }

        return true;
    }
}
