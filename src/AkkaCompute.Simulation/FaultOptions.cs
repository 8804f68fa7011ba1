using AkkaCompute.Simulation.Internal;

namespace AkkaCompute.Simulation;

/// <summary>
/// The random fault schedule, drawn from the run seed (a stream of its own, so the schedule
/// depends only on the seed, these options and the node count and uptime history). Faults are
/// injected at exponentially distributed intervals with mean <see cref="FaultIntervalMsMean"/>;
/// each picks a kind by weight:
/// a partition into 2 to <see cref="PartitionGroupsMax"/> random non-empty groups; the isolation
/// of one random node; a one-way partition (a random set of nodes can no longer reach the rest,
/// while the rest still reaches it); or the crash of one random up node.
/// At most one network fault is active: a new one first heals the previous one (scripted network
/// faults included), and each is healed after an exponential time with mean
/// <see cref="HealAfterMsMean"/>. Scripted crashes are left alone (they stay down until restarted). A crash is skipped
/// when <see cref="CrashedNodesMax"/> nodes are already down; a crashed node restarts after an
/// exponential time with mean <see cref="RestartAfterMsMean"/> (or never, if null).
/// </summary>
public sealed record FaultOptions
{
    /// <summary>The mean virtual time between fault injections, in ms; finite and &gt; 0. Default 2,000.</summary>
    public double FaultIntervalMsMean { get; init; } = 2000.0;

    /// <summary>The relative weight of symmetric partitions; finite and &gt;= 0. Default 1.</summary>
    public double PartitionWeight { get; init; } = 1.0;

    /// <summary>The relative weight of isolating one node; finite and &gt;= 0. Default 1.</summary>
    public double IsolateWeight { get; init; } = 1.0;

    /// <summary>The relative weight of one-way (asymmetric) partitions; finite and &gt;= 0. Default 1.</summary>
    public double OneWayPartitionWeight { get; init; } = 1.0;

    /// <summary>The relative weight of crashing a node; finite and &gt;= 0. Default 1. All weights 0 means no faults.</summary>
    public double CrashWeight { get; init; } = 1.0;

    /// <summary>The most groups a random partition splits the nodes into; &gt;= 2 (limited further by the node count). Default 3.</summary>
    public int PartitionGroupsMax { get; init; } = 3;

    /// <summary>The mean time a random network fault lasts before it is healed, in ms; finite and &gt; 0. Default 3,000.</summary>
    public double HealAfterMsMean { get; init; } = 3000.0;

    /// <summary>The mean time a randomly crashed node stays down, in ms; finite and &gt; 0, or null for "never restart". Default 3,000.</summary>
    public double? RestartAfterMsMean { get; init; } = 3000.0;

    /// <summary>The most nodes that may be down at once because of random crashes (scripted crashes count too); &gt;= 0. Default 1.</summary>
    public int CrashedNodesMax { get; init; } = 1;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names the key (e.g. <c>RandomFaults.HealAfterMsMean</c>), the value and the constraint.</exception>
    public void Validate()
    {
        OptionCheck.Positive("RandomFaults.FaultIntervalMsMean", FaultIntervalMsMean);
        OptionCheck.NonNegative("RandomFaults.PartitionWeight", PartitionWeight);
        OptionCheck.NonNegative("RandomFaults.IsolateWeight", IsolateWeight);
        OptionCheck.NonNegative("RandomFaults.OneWayPartitionWeight", OneWayPartitionWeight);
        OptionCheck.NonNegative("RandomFaults.CrashWeight", CrashWeight);
        OptionCheck.AtLeast("RandomFaults.PartitionGroupsMax", PartitionGroupsMax, 2);
        OptionCheck.Positive("RandomFaults.HealAfterMsMean", HealAfterMsMean);
        if (RestartAfterMsMean is { } restart)
        {
            OptionCheck.Positive("RandomFaults.RestartAfterMsMean", restart);
        }

        OptionCheck.AtLeast("RandomFaults.CrashedNodesMax", CrashedNodesMax, 0);
    }
}
