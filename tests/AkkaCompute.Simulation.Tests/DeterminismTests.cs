using AkkaCompute.Simulation.Tests.Toy;

namespace AkkaCompute.Simulation.Tests;

public sealed class DeterminismTests
{
    private static (ulong Hash, SimulationCounters Counters, IReadOnlyList<FaultRecord> Faults, long[] Values, long[] Uids) Run(long seed)
    {
        var simulation = Scenarios.Gossip(30, Scenarios.Chaos).Create(seed);
        simulation.RunUntil(TimeSpan.FromSeconds(20));
        var values = new long[30];
        var uids = new long[30];
        for (var i = 0; i < 30; i++)
        {
            values[i] = (simulation.GetNode(new NodeId(i)) as MaxGossipNode)?.Value ?? -1;
            uids[i] = simulation.GetUid(new NodeId(i));
        }

        return (simulation.TraceHash, simulation.Counters, simulation.FaultLog.ToArray(), values, uids);
    }

    [Fact]
    public void Same_seed_gives_the_same_trace_counters_faults_and_state()
    {
        var first = Run(42);
        var second = Run(42);

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Counters, second.Counters);
        Assert.Equal(first.Faults, second.Faults);
        Assert.Equal(first.Values, second.Values);
        Assert.Equal(first.Uids, second.Uids);

        // The run really was faulty, so the equality above covers the fault paths too.
        Assert.True(first.Counters.DroppedLoss > 0);
        Assert.True(first.Counters.DroppedPartition > 0);
        Assert.True(first.Counters.MessagesDuplicated > 0);
        Assert.Contains(first.Faults, f => f.Kind == FaultKind.Crash);
        Assert.Contains(first.Faults, f => f.Kind == FaultKind.Restart);
    }

    [Fact]
    public void Different_seeds_give_different_runs()
    {
        var a = Run(42);
        var b = Run(43);

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(a.Counters, b.Counters);
        Assert.NotEqual(a.Uids, b.Uids);
    }

    [Fact]
    public void The_trace_includes_message_content_when_a_digest_is_given()
    {
        static ulong HashOf(Func<Gossip, ulong> digest)
        {
            var options = new SimulationOptions<Gossip> { MessageDigest = digest };
            var simulation = Scenarios.Gossip(5, options).Create(7);
            simulation.RunUntil(TimeSpan.FromSeconds(1));
            return simulation.TraceHash;
        }

        Assert.Equal(HashOf(m => (ulong)m.Value), HashOf(m => (ulong)m.Value));
        Assert.NotEqual(HashOf(m => (ulong)m.Value), HashOf(m => (ulong)m.Value + 1));
    }

    [Fact]
    public void Per_node_random_sources_differ_between_nodes_and_incarnations_but_repeat_per_seed()
    {
        var draws = new List<(NodeId Node, int Incarnation, int Draw)>();
        Simulation<Gossip> Build(long seed) => new(
            3,
            seed,
            new SimulationOptions<Gossip>(),
            (id, uid) => new RandomRecorder(id, draws));

        var simulation = Build(5);
        simulation.RunUntil(TimeSpan.FromMilliseconds(1));
        simulation.Restart(new NodeId(0));
        simulation.RunUntil(TimeSpan.FromMilliseconds(2));
        var first = draws.ToArray();
        draws.Clear();

        var again = Build(5);
        again.RunUntil(TimeSpan.FromMilliseconds(1));
        again.Restart(new NodeId(0));
        again.RunUntil(TimeSpan.FromMilliseconds(2));

        Assert.Equal(4, first.Length);
        Assert.Equal(first, draws.ToArray());
        Assert.Equal(4, first.Select(d => d.Draw).Distinct().Count());
    }

    private sealed class RandomRecorder(NodeId id, List<(NodeId, int, int)> draws) : ISimulatedNode<Gossip>
    {
        public void OnStart(ISimContext<Gossip> context) => draws.Add((id, context.Incarnation, context.Random.Next()));

        public void OnMessage(ISimContext<Gossip> context, NodeId from, Gossip message)
        {
        }

        public void OnTimer(ISimContext<Gossip> context, object tag)
        {
        }
    }
}
