using AkkaCompute.Simulation.Tests.Toy;

namespace AkkaCompute.Simulation.Tests;

public sealed class FailureReplayTests
{
    /// <summary>A checker with a planted "violation": node 7 must never learn the global maximum.</summary>
    private static SimulationScenario<Gossip> Planted(int nodeCount) => Scenarios.Gossip(nodeCount, Scenarios.Chaos) with
    {
        Setup = simulation =>
        {
            var max = MaxGossipNode.GlobalMax(simulation.NodeCount);
            simulation.AddStepHook(info =>
            {
                if (info.Kind == StepKind.MessageDelivered && info.To.Index == 7 && ((MaxGossipNode)simulation.GetNode(info.To)!).Value == max)
                {
                    throw new InvalidOperationException("n7 learned the maximum");
                }
            });
        },
    };

    [Fact]
    public void A_checker_failure_reports_seed_and_step_and_replay_reproduces_it_at_the_same_step()
    {
        var scenario = Planted(20);
        var simulation = scenario.Create(1234);

        var failure = Assert.Throws<SimulationFailureException>(() => simulation.RunUntil(TimeSpan.FromSeconds(60)));

        Assert.Equal(1234, failure.Seed);
        Assert.Equal(simulation.StepNumber, failure.Step);
        Assert.Equal(StepKind.MessageDelivered, failure.Info.Kind);
        Assert.Equal(7, failure.Info.To.Index);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Contains("seed 1234", failure.Message);
        Assert.Contains($"step {failure.Step}", failure.Message);
        Assert.Same(failure, simulation.Failure);
        Assert.Throws<InvalidOperationException>(() => simulation.Step());

        var replay = scenario.ReplayBefore(failure);
        Assert.Equal(failure.Step - 1, replay.StepNumber);
        Assert.Null(replay.Failure);
        var again = Assert.Throws<SimulationFailureException>(() => replay.Step());
        Assert.Equal(failure.Step, again.Step);
        Assert.Equal(failure.Time, again.Time);
        Assert.Equal(failure.Info, again.Info);
        Assert.Equal(failure.Message, again.Message);
    }

    [Fact]
    public void Replay_to_a_step_matches_the_original_run_at_that_step()
    {
        var scenario = Scenarios.Gossip(20, Scenarios.Chaos);
        var original = scenario.Create(99);
        var hashes = new Dictionary<long, ulong>();
        original.AddStepHook(info =>
        {
            if (info.Step % 1_000 == 0)
            {
                hashes[info.Step] = original.TraceHash;
            }
        });
        original.RunUntil(TimeSpan.FromSeconds(30));

        Assert.True(original.StepNumber > 5_000);
        var replay = scenario.Replay(99, 5_000);
        Assert.Equal(5_000, replay.StepNumber);
        Assert.Equal(hashes[5_000], replay.TraceHash);
        Assert.NotEqual(hashes[4_000], replay.TraceHash);
    }

    [Fact]
    public void The_safety_checker_catches_a_buggy_protocol()
    {
        var scenario = new SimulationScenario<Gossip>(20, Scenarios.Chaos, (id, uid) => new BuggyMaxGossipNode(id, uid), MaxGossipChecks.InstallSafetyChecker);

        var failure = Assert.Throws<SimulationFailureException>(() => scenario.Create(5).RunUntil(TimeSpan.FromSeconds(60)));

        Assert.Contains("went down", failure.InnerException!.Message);
        var again = Assert.Throws<SimulationFailureException>(() => scenario.ReplayBefore(failure).Step());
        Assert.Equal(failure.Step, again.Step);
    }

    [Fact]
    public void The_correct_protocol_passes_the_same_checker()
    {
        var simulation = Scenarios.Gossip(20, Scenarios.Chaos).Create(5);

        simulation.RunUntil(TimeSpan.FromSeconds(60));

        Assert.Null(simulation.Failure);
    }

    [Fact]
    public void A_node_exception_fails_the_run_with_seed_and_step()
    {
        var simulation = new Simulation<Gossip>(3, 77, new SimulationOptions<Gossip>(), (id, uid) => id.Index == 2 ? new ThrowingNode() : new MaxGossipNode(id, uid));

        var failure = Assert.Throws<SimulationFailureException>(() => simulation.RunUntil(TimeSpan.FromSeconds(10)));

        Assert.Equal(77, failure.Seed);
        Assert.Equal(StepKind.MessageDelivered, failure.Info.Kind);
        Assert.Equal(new NodeId(2), failure.Info.To);
        Assert.IsType<NotSupportedException>(failure.InnerException);
    }

    private sealed class ThrowingNode : ISimulatedNode<Gossip>
    {
        public void OnStart(ISimContext<Gossip> context)
        {
        }

        public void OnMessage(ISimContext<Gossip> context, NodeId from, Gossip message) => throw new NotSupportedException("boom");

        public void OnTimer(ISimContext<Gossip> context, object tag)
        {
        }
    }
}
