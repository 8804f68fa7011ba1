using AkkaCompute.Simulation.Tests.Toy;
using static AkkaCompute.Simulation.Tests.Scenarios;

namespace AkkaCompute.Simulation.Tests;

public sealed class RandomFaultTests
{
    private static readonly FaultOptions Faults = new()
    {
        FaultIntervalMsMean = 200,
        HealAfterMsMean = 300,
        RestartAfterMsMean = 500,
        CrashedNodesMax = 2,
        PartitionGroupsMax = 4,
    };

    [Fact]
    public void The_schedule_applies_every_fault_kind_within_its_limits()
    {
        var simulation = Flood(12, 3, new SimulationOptions<Ping> { RandomFaults = Faults });
        var downMax = 0;
        simulation.AddStepHook(_ => downMax = Math.Max(downMax, simulation.DownCount));

        simulation.RunUntil(TimeSpan.FromSeconds(60));

        var log = simulation.FaultLog;
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            Assert.Contains(log, f => f.Kind == kind && f.IsRandom);
        }

        Assert.Equal(2, downMax);
        Assert.All(log, f => Assert.False(string.IsNullOrEmpty(f.Description)));
        Assert.True(simulation.Counters.DroppedPartition > 0);
        Assert.True(simulation.Counters.DroppedNodeDown > 0);
        for (var i = 1; i < log.Count; i++)
        {
            Assert.True(log[i].Time >= log[i - 1].Time);
        }
    }

    [Fact]
    public void Random_partitions_split_into_two_to_max_non_empty_groups()
    {
        var simulation = Flood(12, 4, new SimulationOptions<Ping> { RandomFaults = Faults with { IsolateWeight = 0, OneWayPartitionWeight = 0, CrashWeight = 0 } });
        var groupCounts = new HashSet<int>();
        var checkedPartitions = 0;
        simulation.AddStepHook(info =>
        {
            if (info.Kind != StepKind.Fault || simulation.FaultLog.Count == 0 || simulation.FaultLog[^1].Step != info.Step || simulation.FaultLog[^1].Kind != FaultKind.Partition)
            {
                return;
            }

            // Count the groups from link reachability: classes of the "link open" relation.
            var seen = new bool[12];
            var groups = 0;
            for (var i = 0; i < 12; i++)
            {
                if (seen[i])
                {
                    continue;
                }

                groups++;
                for (var j = 0; j < 12; j++)
                {
                    if (simulation.IsLinkOpen(N(i), N(j)))
                    {
                        seen[j] = true;
                        Assert.True(simulation.IsLinkOpen(N(j), N(i)));
                    }
                }
            }

            groupCounts.Add(groups);
            checkedPartitions++;
        });

        simulation.RunUntil(TimeSpan.FromSeconds(60));

        Assert.True(checkedPartitions > 50);
        Assert.Equal([2, 3, 4], groupCounts.Order());
    }

    [Fact]
    public void StopRandomFaults_then_HealAll_leaves_a_clean_network_for_good()
    {
        var simulation = Flood(8, 5, new SimulationOptions<Ping> { RandomFaults = Faults });
        simulation.RunUntil(TimeSpan.FromSeconds(10));
        var faultsBefore = simulation.FaultLog.Count;

        simulation.StopRandomFaults();
        simulation.HealAll();
        var afterHeal = simulation.FaultLog.Count;
        simulation.RunUntil(TimeSpan.FromSeconds(20));

        Assert.True(faultsBefore > 10);
        Assert.Equal(afterHeal, simulation.FaultLog.Count);
        Assert.Equal(0, simulation.DownCount);
        for (var i = 0; i < 8; i++)
        {
            for (var j = 0; j < 8; j++)
            {
                Assert.True(simulation.IsLinkOpen(N(i), N(j)));
            }
        }
    }

    [Fact]
    public void The_fault_log_stops_at_its_limit_and_counts_the_rest()
    {
        var simulation = Flood(8, 6, new SimulationOptions<Ping> { RandomFaults = Faults, FaultLogMax = 5 });
        simulation.RunUntil(TimeSpan.FromSeconds(10));

        Assert.Equal(5, simulation.FaultLog.Count);
        Assert.True(simulation.FaultLogOverflow > 0);
    }
}
