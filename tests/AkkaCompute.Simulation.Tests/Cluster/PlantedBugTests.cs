using System.Collections.Immutable;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Simulation.Cluster;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>
/// The checkers can fail: a test-only variant of the protocol with a planted bug (a leader that never checks convergence) is run
/// through a scripted partition, and the split-brain checker stops the run with the seed and the step; the correct protocol passes
/// the same script, and a replay reproduces the failure at the same step.
/// </summary>
public sealed class PlantedBugTests
{
    /// <summary>
    /// The planted bug: the leader's duties of <see cref="LeaderActions.Compute"/> without the convergence check. Joining and WeaklyUp
    /// members move Up, Leaving to Exiting, and unreachable Down or Exiting members are removed, whatever the others have seen.
    /// </summary>
    private static LeaderActionsResult LeaderIgnoringConvergence(MembershipState state, LeaderActionsOptions options)
    {
        var gossip = state.LatestGossip;
        var self = state.SelfUniqueAddress;
        if (!state.IsLeader(self))
        {
            return new LeaderActionsResult(gossip, [], false, false);
        }

        var unreachable = gossip.Overview.Reachability.AllUnreachableOrTerminated;
        var removed = gossip.Members.Where(m => !m.UniqueAddress.Equals(self) && m.Status is MemberStatus.Down or MemberStatus.Exiting && unreachable.Contains(m.UniqueAddress))
            .Select(m => m.UniqueAddress).ToList();
        var youngest = gossip.YoungestMember!;
        var upNumber = youngest.UpNumber == Member.NotUp ? 0 : youngest.UpNumber;
        var members = ImmutableSortedSet.CreateBuilder<Member>();
        var changed = removed.Count > 0;
        foreach (var m in gossip.Members)
        {
            if (removed.Contains(m.UniqueAddress))
            {
                continue;
            }

            if (m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp)
            {
                members.Add(m.CopyUp(++upNumber));
                changed = true;
            }
            else if (m.Status == MemberStatus.Leaving)
            {
                members.Add(m.Copy(MemberStatus.Exiting));
                changed = true;
            }
            else
            {
                members.Add(m);
            }
        }

        if (!changed)
        {
            return new LeaderActionsResult(gossip, [], true, false);
        }

        var result = gossip.Copy(members: members.ToImmutable()).RemoveAll(removed, options.Now).Increment(VectorClockNode.For(self)).OnlySeen(self);
        return new LeaderActionsResult(result, [], true, true);
    }

    private static readonly SimulationOptions<ClusterMessage> Network = new() { Network = new NetworkOptions { Latency = LatencyDistribution.Uniform(1, 2) } };

    /// <summary>
    /// Nodes 0-3 form a cluster; node 4 is down from the start. At 10 s the network splits {n0, n1} | {n2, n3, n4} and node 4 starts:
    /// it can only join through n2 or n3. Two against two, keep-majority keeps the side with the lowest address (n0's). A leader that
    /// promotes n4 without convergence makes n2's side count three and keep itself too.
    /// </summary>
    private static ClusterSimulation Scripted(LeaderActionsFunction? leader)
    {
        var options = new ClusterSimOptions
        {
            Settings = ClusterSimOptions.FastProfile,
            SeedCount = 2,
            FaultPhase = TimeSpan.FromSeconds(40),
            CoreOptions = new ClusterSimOptions().CoreOptions with { LeaderActions = leader },
        };
        return ClusterSimulation.Create(5, seed: 42, options, Network, Script);
    }

    private static void Script(ClusterSimulation run)
    {
        run.Simulation.Schedule(TimeSpan.Zero, s => s.Crash(new NodeId(4)));
        run.Simulation.Schedule(TimeSpan.FromSeconds(10), s =>
        {
            s.Partition([new NodeId(0), new NodeId(1)], [new NodeId(2), new NodeId(3), new NodeId(4)]);
            s.Restart(new NodeId(4));
        });
    }

    [Fact]
    public void The_correct_leader_passes_the_script_and_the_cluster_converges_after_the_heal()
    {
        var report = Scripted(leader: null).RunPhased(TimeSpan.FromSeconds(60));
        Assert.True(report.Converged);
        Assert.True(report.Stops >= 2, "the losing side downed itself and stopped");
    }

    [Fact]
    public void A_leader_that_never_checks_convergence_is_caught_by_the_split_brain_checker_with_seed_and_step()
    {
        var failure = Assert.Throws<SimulationFailureException>(() => Scripted(LeaderIgnoringConvergence).RunPhased(TimeSpan.FromSeconds(60)));
        var violation = Assert.IsType<ClusterSafetyViolationException>(failure.InnerException);
        Assert.Equal(ClusterSafetyViolationException.SplitBrain, violation.Property);
        Assert.Equal(42, failure.Seed);
        Assert.Contains("seed 42", failure.Message);
        Assert.Contains($"step {failure.Step}", failure.Message);

        // The replay stops just before the failing step; the next step fails the same way.
        var replay = ClusterSimulation.Replay(5, failure, Scripted(LeaderIgnoringConvergence).Options, Network, Script);
        Assert.Equal(failure.Step - 1, replay.Simulation.StepNumber);
        var again = Assert.Throws<SimulationFailureException>(() => replay.Simulation.Step());
        Assert.Equal(failure.Step, again.Step);
        Assert.Equal(failure.InnerException!.Message, again.InnerException!.Message);
    }

    [Fact]
    public void A_leader_that_never_checks_convergence_fails_swarm_seeds()
    {
        var failed = 0;
        for (var seed = 1; seed <= 30 && failed == 0; seed++)
        {
            var swarmCase = SwarmCase.For(seed);
            var options = swarmCase.Options with { CoreOptions = swarmCase.Options.CoreOptions with { LeaderActions = LeaderIgnoringConvergence } };
            try
            {
                ClusterSimulation.Create(swarmCase.Nodes, seed, options, swarmCase.Simulation).RunPhased(swarmCase.LivenessBound);
            }
            catch (SimulationFailureException)
            {
                failed++;
            }
        }

        Assert.True(failed > 0, "no swarm seed among the first 30 caught the planted bug");
    }
}
