using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <content>The random fault schedule (see <see cref="FaultOptions"/>).</content>
public sealed partial class Simulation<TMessage>
{
    private bool randomFaultsOn;
    private long networkFaultGeneration;

    /// <summary>True while the random fault schedule is injecting faults (from construction, if <see cref="SimulationOptions{TMessage}.RandomFaults"/> is set, until <see cref="StopRandomFaults"/>).</summary>
    public bool RandomFaultsActive => randomFaultsOn;

    /// <summary>
    /// Stops the random fault schedule for the rest of the run: no new faults, and its pending
    /// heals and restarts no longer act. Faults already applied stay until healed (see <see cref="HealAll"/>).
    /// </summary>
    public void StopRandomFaults() => randomFaultsOn = false;

    private void InitRandomFaults()
    {
        if (Options.RandomFaults is { } faults)
        {
            randomFaultsOn = true;
            EnqueueFault(faults.FaultIntervalMsMean, EventKind.FaultTick, -1, 0, 0);
        }
    }

    private void EnqueueFault(double meanMs, EventKind kind, int node, int incarnation, long data)
    {
        var ms = Math.Min(faultRandom.NextExponential(meanMs), SimulationLimits.DelayMax.TotalMilliseconds);
        Enqueue(nowTicks + (long)(ms * TimeSpan.TicksPerMillisecond), new SimEvent<TMessage>(kind, node, node, incarnation, data, default, null));
    }

    private void ProcessFaultEvent(in SimEvent<TMessage> ev)
    {
        if (!randomFaultsOn)
        {
            return;
        }

        var faults = Options.RandomFaults!;
        switch (ev.Kind)
        {
            case EventKind.FaultTick:
                InjectRandomFault(faults);
                EnqueueFault(faults.FaultIntervalMsMean, EventKind.FaultTick, -1, 0, 0);
                break;
            case EventKind.FaultHeal:
                if (ev.Data == networkFaultGeneration && !links.IsHealed)
                {
                    links.Heal();
                    Record(FaultKind.Heal, isRandom: true, static () => "heal");
                }

                break;
            case EventKind.FaultRestart:
                var slot = slots[ev.To];
                if (!slot.Up && slot.Incarnation == ev.Incarnation)
                {
                    RestartCore(ev.To, isRandom: true);
                }

                break;
        }
    }

    private void InjectRandomFault(FaultOptions faults)
    {
        var total = faults.PartitionWeight + faults.IsolateWeight + faults.OneWayPartitionWeight + faults.CrashWeight;
        if (total <= 0)
        {
            return;
        }

        var u = faultRandom.NextDouble() * total;
        if (u < faults.PartitionWeight)
        {
            InjectNetworkFault(faults, FaultKind.Partition);
        }
        else if (u < faults.PartitionWeight + faults.IsolateWeight)
        {
            InjectNetworkFault(faults, FaultKind.Isolate);
        }
        else if (u < faults.PartitionWeight + faults.IsolateWeight + faults.OneWayPartitionWeight || faults.CrashWeight <= 0)
        {
            InjectNetworkFault(faults, FaultKind.OneWayPartition);
        }
        else
        {
            InjectCrash(faults);
        }
    }

    private void InjectNetworkFault(FaultOptions faults, FaultKind kind)
    {
        var n = NodeCount;
        if (n < 2)
        {
            return;
        }

        links.Heal();
        switch (kind)
        {
            case FaultKind.Partition:
                {
                    var groups = 2 + faultRandom.NextInt(Math.Min(faults.PartitionGroupsMax, n) - 1);
                    var order = Shuffled(n);
                    var groupOf = new int[n];
                    for (var i = 0; i < n; i++)
                    {
                        groupOf[order[i]] = i < groups ? i : faultRandom.NextInt(groups);
                    }

                    ApplyPartition(groupOf, isRandom: true);
                    break;
                }

            case FaultKind.Isolate:
                {
                    var node = faultRandom.NextInt(n);
                    links.Isolate(node);
                    Record(FaultKind.Isolate, isRandom: true, () => "isolate " + new NodeId(node));
                    break;
                }

            default:
                {
                    var order = Shuffled(n);
                    var fromCount = 1 + faultRandom.NextInt(n - 1);
                    var from = new bool[n];
                    var to = new bool[n];
                    for (var i = 0; i < n; i++)
                    {
                        (i < fromCount ? from : to)[order[i]] = true;
                    }

                    ApplyOneWay(from, to, isRandom: true);
                    break;
                }
        }

        networkFaultGeneration++;
        EnqueueFault(faults.HealAfterMsMean, EventKind.FaultHeal, -1, 0, networkFaultGeneration);
    }

    private void InjectCrash(FaultOptions faults)
    {
        if (downCount >= faults.CrashedNodesMax || downCount >= NodeCount)
        {
            return;
        }

        var start = faultRandom.NextInt(NodeCount);
        for (var k = 0; k < NodeCount; k++)
        {
            var index = (start + k) % NodeCount;
            if (slots[index].Up)
            {
                CrashCore(index, isRandom: true);
                if (faults.RestartAfterMsMean is { } restartMs)
                {
                    EnqueueFault(restartMs, EventKind.FaultRestart, index, slots[index].Incarnation, 0);
                }

                return;
            }
        }
    }

    private int[] Shuffled(int n)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = faultRandom.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
