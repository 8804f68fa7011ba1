using AkkaCompute.Actors;
using System.Collections.Immutable;
using AkkaCompute.Cluster;
using AkkaCompute.Cluster.Protocol;
using AkkaCompute.Simulation.Cluster;

namespace AkkaCompute.Simulation.Tests.Cluster;

/// <summary>The cluster simulator itself: determinism, replay, addresses, byte accounting, options.</summary>
public sealed class ClusterSimulationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_faulty_run_message_for_message()
    {
        static (ulong, long) Run()
        {
            var swarmCase = SwarmCase.For(7);
            var run = ClusterSimulation.Create(swarmCase.Nodes, swarmCase.Seed, swarmCase.Options, swarmCase.Simulation);
            var report = run.RunPhased(swarmCase.LivenessBound);
            return (run.Simulation.TraceHash, report.Steps);
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var a = ClusterSimulation.Create(5, 1);
        var b = ClusterSimulation.Create(5, 2);
        a.RunJoin(TimeSpan.FromSeconds(20));
        b.RunJoin(TimeSpan.FromSeconds(20));
        Assert.NotEqual(a.Simulation.TraceHash, b.Simulation.TraceHash);
    }

    [Fact]
    public void Nodes_have_the_documented_addresses_and_a_restart_is_a_new_uid()
    {
        var run = ClusterSimulation.Create(3, 5);
        Assert.True(run.RunJoin(TimeSpan.FromSeconds(30)).Converged);
        Assert.Equal(new Address("akc.tcp", "sim", "n2", 2552), run.CoreOf(2)!.Self.Address);
        var old = run.CoreOf(2)!.Self;
        run.Simulation.Restart(new NodeId(2));
        run.Simulation.Step();
        Assert.NotEqual(old.Uid, run.CoreOf(2)!.Self.Uid);
        Assert.Equal(old.Address, run.CoreOf(2)!.Self.Address);
    }

    [Fact]
    public void A_crashed_member_is_downed_and_removed_and_a_restart_rejoins_with_a_new_uid()
    {
        var run = ClusterSimulation.Create(5, 9, new ClusterSimOptions { Settings = ClusterSimOptions.FastProfile });
        Assert.True(run.RunJoin(TimeSpan.FromSeconds(30)).Converged);
        var victim = run.CoreOf(4)!.Self;
        run.Simulation.Crash(new NodeId(4));
        Assert.True(run.Simulation.RunUntil(run.Simulation.Now + TimeSpan.FromSeconds(30), () => !run.CoreOf(0)!.LatestGossip.HasMember(victim)));
        run.Simulation.Restart(new NodeId(4));
        Assert.True(run.RunJoin(TimeSpan.FromSeconds(30)).Converged);
        Assert.NotEqual(victim, run.CoreOf(4)!.Self);
    }

    [Fact]
    public void Message_sizes_grow_with_the_gossip_and_heartbeats_are_small()
    {
        var members = Enumerable.Range(0, 100).Select(i => Member.Create(new UniqueAddress(ClusterSimulation.AddressOf(i), i + 1), MemberStatus.Up, upNumber: i + 1));
        var gossip = Gossip.Create(members);
        var self = new UniqueAddress(ClusterSimulation.AddressOf(0), 1);
        Assert.Equal(ClusterMessageSize.EnvelopeBytes + (100 * ClusterMessageSize.MemberBytes), ClusterMessageSize.Estimate(new GossipEnvelope(self, self, gossip)));
        Assert.Equal(ClusterMessageSize.EnvelopeBytes + 8, ClusterMessageSize.Estimate(new Heartbeat(self, 1)));
        Assert.NotEqual(ClusterMessageSize.Digest(new Heartbeat(self, 1)), ClusterMessageSize.Digest(new Heartbeat(self, 2)));
    }

    [Fact]
    public void Bad_options_name_the_field()
    {
        Assert.Contains("SeedCount", Assert.Throws<ArgumentException>(() => ClusterSimulation.Create(3, 1, new ClusterSimOptions { SeedCount = 0 })).Message);
        Assert.Contains("FaultPhase", Assert.Throws<ArgumentException>(() => ClusterSimulation.Create(3, 1, new ClusterSimOptions { FaultPhase = TimeSpan.FromSeconds(-1) })).Message);
        Assert.Throws<InvalidOperationException>(() => ClusterSimulation.Create(3, 1).RunPhased(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Operator_commands_make_members_leave_and_the_supervisor_brings_them_back()
    {
        var options = new ClusterSimOptions
        {
            Settings = ClusterSimOptions.FastProfile,
            OperatorCommandIntervalMsMean = 2_000,
            FaultPhase = TimeSpan.FromSeconds(30),
        };
        var report = ClusterSimulation.Create(6, 3, options).RunPhased(TimeSpan.FromSeconds(60));
        Assert.True(report.OperatorCommands > 0);
        Assert.True(report.Stops > 0 && report.SupervisorRestarts > 0);
        Assert.True(report.Converged);
    }
}
