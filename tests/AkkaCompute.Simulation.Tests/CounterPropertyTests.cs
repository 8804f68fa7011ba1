using AkkaCompute.Simulation.Tests.Toy;
using FsCheck;
using FsCheck.Fluent;

namespace AkkaCompute.Simulation.Tests;

/// <summary>Properties over arbitrary seeds, node counts and network settings.</summary>
public sealed class CounterPropertyTests
{
    private sealed record Case(long Seed, int Nodes, double Loss, double Duplication, bool Faults);

    private static readonly Gen<Case> Cases =
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from nodes in Gen.Choose(1, 12)
        from loss in Gen.Choose(0, 50)
        from dup in Gen.Choose(0, 50)
        from faults in Gen.Elements(true, false)
        select new Case(seed * 7919L, nodes, loss / 100.0, dup / 100.0, faults);

    private static Simulation<Gossip> Build(Case c) => new(
        c.Nodes,
        c.Seed,
        new SimulationOptions<Gossip>
        {
            Network = new NetworkOptions { LossProbability = c.Loss, DuplicationProbability = c.Duplication, ReorderProbability = 0.2 },
            RandomFaults = c.Faults ? new FaultOptions { FaultIntervalMsMean = 150, CrashedNodesMax = 2 } : null,
            MessageSizeBytes = _ => 8,
        },
        (id, uid) => new MaxGossipNode(id, uid));

    [Fact]
    public void Counters_balance_per_node_and_in_total_and_runs_repeat()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(60);
        Check.One(config, Prop.ForAll(Arb.From(Cases), c =>
        {
            var a = Build(c);
            var b = Build(c);
            var balanced = true;
            a.AddStepHook(_ =>
            {
                var t = a.Counters;
                balanced &= t.MessagesSent + t.MessagesDuplicated == t.MessagesDelivered + t.MessagesDropped + t.MessagesInFlight;
            });
            a.RunUntil(TimeSpan.FromSeconds(3));
            b.RunUntil(TimeSpan.FromSeconds(3));

            var total = a.Counters;
            long sent = 0, received = 0, dropped = 0, duplicated = 0, timers = 0;
            for (var i = 0; i < c.Nodes; i++)
            {
                var n = a.GetNodeCounters(new NodeId(i));
                sent += n.MessagesSent;
                received += n.MessagesReceived;
                dropped += n.MessagesDropped;
                duplicated += n.MessagesDuplicated;
                timers += n.TimersFired;
            }

            return balanced
                && sent == total.MessagesSent
                && received == total.MessagesDelivered
                && dropped == total.MessagesDropped
                && duplicated == total.MessagesDuplicated
                && timers == total.TimersFired
                && total.BytesSent == 8 * total.MessagesSent
                && total.EventsProcessed == a.StepNumber
                && a.TraceHash == b.TraceHash
                && total == b.Counters;
        }));
    }
}
