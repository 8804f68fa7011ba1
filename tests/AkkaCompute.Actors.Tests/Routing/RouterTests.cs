using AkkaCompute.Actors.Routing;

namespace AkkaCompute.Actors.Tests.Routing;

public class RouterTests : ActorTestKit
{
    [Fact]
    public void RoundRobin_pool_cycles_through_routees_keeping_sender()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new RoundRobinPool(3)), "rr");
        var paths = Enumerable.Range(0, 6).Select(_ =>
        {
            router.Tell("who", TestActor);
            return ExpectMsg<string>();
        }).ToList();
        Assert.Equal(3, paths.Distinct().Count());
        Assert.Equal(paths.Take(3), paths.Skip(3));
    }

    [Fact]
    public void Broadcast_pool_and_Broadcast_message_reach_every_routee()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new BroadcastPool(4)));
        router.Tell("who", TestActor);
        Assert.Equal(4, ReceiveN(4).Distinct().Count());
        var rr = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new RoundRobinPool(3)));
        rr.Tell(new Broadcast("who"), TestActor);
        Assert.Equal(3, ReceiveN(3).Distinct().Count());
    }

    [Fact]
    public void Random_pool_is_deterministic_for_a_seed()
    {
        static List<string> Run(int seed)
        {
            using var system = ActorSystem.Create("rnd", ActorSystemSettings.Default with { RandomSeed = seed });
            var probe = new TestProbe(system);
            var router = system.ActorOf(Props.Create<PathReporter>().WithRouter(new RandomPool(5)), "r");
            return Enumerable.Range(0, 20).Select(_ =>
            {
                router.Tell("who", probe.Ref);
                return probe.ExpectMsg<string>();
            }).ToList();
        }

        var a = Run(7);
        Assert.Equal(a, Run(7));
        Assert.True(a.Distinct().Count() > 1);
    }

    [Fact]
    public void Consistent_hashing_sends_equal_keys_to_the_same_routee()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new ConsistentHashingPool(5, m => m is string s ? s[..1] : null)));
        string Ask(string key)
        {
            router.Tell(new ConsistentHashableEnvelope("who", key), TestActor);
            return ExpectMsg<string>();
        }

        var first = Enumerable.Range(0, 30).Select(i => Ask("key" + i)).ToList();
        var second = Enumerable.Range(0, 30).Select(i => Ask("key" + i)).ToList();
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 1);
    }

    [Fact]
    public void Smallest_mailbox_logic_prefers_the_emptiest_routee()
    {
        var logic = new SmallestMailboxRoutingLogic();
        var routees = new[] { new FakeRoutee(5), new FakeRoutee(2), new FakeRoutee(9) };
        Assert.Same(routees[1], logic.Select("m", routees));
        routees = [new FakeRoutee(5), new FakeRoutee(0), new FakeRoutee(0)];
        Assert.Same(routees[1], logic.Select("m", routees));
    }

    [Fact]
    public void Smallest_mailbox_pool_routes_to_idle_routee()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new SmallestMailboxPool(3)));
        router.Tell("who", TestActor);
        Assert.Contains("/user/", ExpectMsg<string>());
    }

    [Fact]
    public void Group_routes_to_paths()
    {
        Sys.ActorOf(Props.Create<PathReporter>(), "g1");
        Sys.ActorOf(Props.Create<PathReporter>(), "g2");
        var group = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup("/user/g1", "/user/g2")));
        group.Tell("who", TestActor);
        group.Tell("who", TestActor);
        var got = ReceiveN(2).Cast<string>().OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.EndsWith("/user/g1", got[0]);
        Assert.EndsWith("/user/g2", got[1]);
        group.Tell(GetRoutees.Instance, TestActor);
        Assert.Equal(2, ExpectMsg<Routees>().Members.Count);
    }

    [Fact]
    public void AdjustPoolSize_grows_and_shrinks_the_pool()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new RoundRobinPool(2)));
        router.Tell(new AdjustPoolSize(3), TestActor);
        router.Tell(GetRoutees.Instance, TestActor);
        Assert.Equal(5, ExpectMsg<Routees>().Members.Count);
        router.Tell(new AdjustPoolSize(-4), TestActor);
        router.Tell(GetRoutees.Instance, TestActor);
        Assert.Single(ExpectMsg<Routees>().Members);
    }

    [Fact]
    public void Resizer_capacity_ramps_up_under_pressure_and_backs_off_when_idle()
    {
        var resizer = new DefaultResizer(lowerBound: 2, upperBound: 10, rampupRate: 0.5, backoffThreshold: 0.3, backoffRate: 0.5);
        Assert.Equal(2, resizer.Capacity([3, 1, 4, 2]));
        Assert.Equal(-2, resizer.Capacity([0, 0, 0, 0]));
        Assert.Equal(0, resizer.Capacity([0, 0]));
        Assert.Equal(1, resizer.Capacity([9, 9, 9, 9, 9, 9, 9, 9, 9]));
        Assert.Equal(0, resizer.Capacity([1, 0, 1, 0]));
    }

    [Fact]
    public void Resizing_pool_grows_when_routees_are_busy()
    {
        var gate = new ManualResetEventSlim(false);
        var router = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithRouter(new RoundRobinPool(1, new DefaultResizer(lowerBound: 1, upperBound: 4, rampupRate: 1.0, messagesPerResize: 1))));
        try
        {
            AwaitAssert(() =>
            {
                router.Tell("work", TestActor);
                router.Tell(GetRoutees.Instance, TestActor);
                Assert.True(ExpectMsg<Routees>().Members.Count > 1);
            }, TimeSpan.FromSeconds(5));
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void Failing_routee_is_restarted_by_the_pool_and_routing_continues()
    {
        var router = Sys.ActorOf(Props.Create(() => new FailingActor(TestActor)).WithRouter(new RoundRobinPool(1)));
        ExpectMsg("prestart");
        router.Tell(new InvalidOperationException("routee down"), TestActor);
        ExpectMsg("prerestart:routee down");
        ExpectMsg("poststop");
        ExpectMsg("postrestart:routee down");
        ExpectMsg("prestart");
        router.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Pool_stops_when_all_routees_stop()
    {
        var router = Sys.ActorOf(Props.Create<PathReporter>().WithRouter(new RoundRobinPool(2)));
        Watch(router);
        router.Tell(new Broadcast(PoisonPill.Instance), TestActor);
        ExpectTerminated(router);
    }

    private sealed class PathReporter : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is "who")
            {
                Sender.Tell(Self.Path.ToString(), Self);
                return true;
            }

            return false;
        }
    }

    private sealed class Blocker(ManualResetEventSlim gate) : ActorBase
    {
        protected override bool Receive(object message)
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return true;
        }
    }

    private sealed class FakeRoutee(int size) : Routee
    {
        public override int MailboxSize => size;

        public override void Send(object message, IActorRef sender)
        {
        }
    }
}
