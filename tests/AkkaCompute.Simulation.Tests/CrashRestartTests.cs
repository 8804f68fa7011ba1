using AkkaCompute.Simulation.Tests.Toy;
using static AkkaCompute.Simulation.Tests.Scenarios;

namespace AkkaCompute.Simulation.Tests;

public sealed class CrashRestartTests
{
    private static readonly SimulationOptions<Ping> Slow = new() { Network = new NetworkOptions { Latency = LatencyDistribution.Fixed(50) } };

    [Fact]
    public void Crash_drops_in_flight_messages_and_stops_timers()
    {
        var simulation = Flood(4, 1, Slow);
        simulation.RunUntil(TimeSpan.FromMilliseconds(10));
        var victim = simulation.FloodNodeAt(1);
        var ticksAtCrash = victim.Ticks;

        simulation.Crash(N(1));
        Assert.False(simulation.IsUp(N(1)));
        Assert.Null(simulation.GetNode(N(1)));
        Assert.Equal(1, simulation.DownCount);
        simulation.RunUntil(TimeSpan.FromSeconds(1));

        // The three pings sent to n1 at t=0 were in flight at the crash (50 ms latency): all dropped.
        Assert.Equal(0, victim.ReceivedFrom.Sum());
        Assert.Equal(0, simulation.GetNodeCounters(N(1)).MessagesReceived);
        Assert.Equal(ticksAtCrash, victim.Ticks);
        Assert.Equal(0, simulation.GetNodeCounters(N(1)).TimersFired);

        // Everything sent to n1 is dropped as NodeDown; n1's own t=0 pings were already on the wire and arrived.
        var sentToVictim = 3 * (1 + (1000 / 20));
        Assert.Equal(sentToVictim, simulation.Counters.DroppedNodeDown);
        Assert.Equal(1, simulation.FloodNodeAt(0).ReceivedFrom[1]);
        Assert.Equal(simulation.Counters.DroppedNodeDown, simulation.GetNodeCounters(N(0)).MessagesDropped * 3);
    }

    [Fact]
    public void Crashing_a_down_node_does_nothing()
    {
        var simulation = Flood(3, 2);
        simulation.Crash(N(2));
        simulation.Crash(N(2));

        Assert.Equal(1, simulation.DownCount);
        Assert.Single(simulation.FaultLog, f => f.Kind == FaultKind.Crash);
    }

    [Fact]
    public void Restart_gives_a_new_incarnation_uid_and_fresh_state()
    {
        var simulation = Flood(4, 3, Slow);
        simulation.RunUntil(TimeSpan.FromSeconds(1));
        var old = simulation.FloodNodeAt(1);
        var oldUid = simulation.GetUid(N(1));
        var oldReceived = old.ReceivedFrom.Sum();
        Assert.True(oldReceived > 0);
        Assert.Equal(old.Uid, oldUid);
        Assert.Equal(0, simulation.GetIncarnation(N(1)));

        simulation.Restart(N(1));
        var restartedAt = simulation.Now;
        var fresh = simulation.FloodNodeAt(1);
        Assert.NotSame(old, fresh);
        Assert.NotEqual(oldUid, simulation.GetUid(N(1)));
        Assert.Equal(fresh.Uid, simulation.GetUid(N(1)));
        Assert.True(fresh.Uid > 0);
        Assert.Equal(1, simulation.GetIncarnation(N(1)));
        Assert.Equal(0, fresh.Starts);

        simulation.RunUntil(TimeSpan.FromSeconds(2));

        Assert.Equal(1, fresh.Starts);
        Assert.True(fresh.ReceivedFrom.Sum() > 0);
        Assert.Equal(oldReceived, old.ReceivedFrom.Sum());

        // Pings in flight to the old incarnation never reach the new one.
        Assert.True(fresh.EarliestSentAtTicks >= restartedAt.Ticks, "the new incarnation received a message sent to the old one");
        Assert.Contains(simulation.FaultLog, f => f.Kind == FaultKind.Restart && !f.IsRandom);
    }

    [Fact]
    public void Restart_of_a_crashed_node_brings_it_back()
    {
        var simulation = Flood(3, 4);
        simulation.RunUntil(TimeSpan.FromMilliseconds(100));
        simulation.Crash(N(0));
        simulation.RunUntil(TimeSpan.FromMilliseconds(200));
        simulation.Restart(N(0));
        simulation.RunUntil(TimeSpan.FromMilliseconds(300));

        Assert.True(simulation.IsUp(N(0)));
        Assert.Equal(0, simulation.DownCount);
        Assert.True(simulation.FloodNodeAt(0).ReceivedFrom.Sum() > 0);
        Assert.True(simulation.FloodNodeAt(1).ReceivedFrom[0] > 0);
    }

    [Fact]
    public void HealAll_restarts_every_down_node_and_heals_the_network()
    {
        var simulation = Flood(5, 5);
        simulation.Crash(N(1));
        simulation.Crash(N(3));
        simulation.Isolate(N(0));
        simulation.HealAll();

        Assert.Equal(0, simulation.DownCount);
        Assert.True(simulation.IsLinkOpen(N(0), N(4)));
        Assert.Equal(1, simulation.GetIncarnation(N(1)));
        Assert.Equal(1, simulation.GetIncarnation(N(3)));
        Assert.Equal(0, simulation.GetIncarnation(N(2)));
    }
}
