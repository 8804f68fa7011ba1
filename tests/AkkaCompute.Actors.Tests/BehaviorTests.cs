namespace AkkaCompute.Actors.Tests;

public class BehaviorTests : ActorTestKit
{
    [Fact]
    public void Stash_and_UnstashAll_keep_order_ahead_of_newer_messages()
    {
        var a = Sys.ActorOf(Props.Create(() => new StashingActor(TestActor)));
        a.Tell(1, TestActor);
        a.Tell(2, TestActor);
        a.Tell(3, TestActor);
        a.Tell("open", TestActor);
        a.Tell(4, TestActor);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg(4);
    }

    [Fact]
    public void Become_and_Unbecome_switch_behaviour()
    {
        var a = Sys.ActorOf(Props.Create(() => new Switcher()));
        a.Tell("who", TestActor);
        ExpectMsg("initial");
        a.Tell("push", TestActor);
        a.Tell("who", TestActor);
        ExpectMsg("pushed");
        a.Tell("pop", TestActor);
        a.Tell("who", TestActor);
        ExpectMsg("initial");
    }

    [Fact]
    public void ReceiveAsync_keeps_message_order_and_context_after_await()
    {
        var a = Sys.ActorOf(Props.Create(() => new AsyncActor()));
        for (var i = 0; i < 20; i++)
        {
            a.Tell(i, TestActor);
        }

        for (var i = 0; i < 20; i++)
        {
            ExpectMsg(i);
            Assert.Equal(a, LastSender);
        }
    }

    [Fact]
    public void ReceiveAsync_failure_goes_to_supervisor()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Stop))));
        supervisor.Tell((Props.Create(() => new AsyncActor()), "async"), TestActor);
        var a = ExpectMsg<IActorRef>();
        Watch(a);
        a.Tell("fail", TestActor);
        ExpectTerminated(a);
    }

    [Fact]
    public void Timers_fire_on_manual_clock_and_cancelled_timers_never_deliver()
    {
        var clock = new ManualTimeProvider();
        using var kit = new ManualKit(clock);
        var a = kit.Sys.ActorOf(Props.Create(() => new TimerActor(kit.TestActor)));
        a.Tell("start", kit.TestActor);
        kit.ExpectMsg("started");
        kit.AwaitCondition(() => clock.PendingTimerCount >= 2);
        clock.Advance(TimeSpan.FromSeconds(1));
        kit.ExpectMsg("tick");
        clock.Advance(TimeSpan.FromSeconds(1));
        kit.ExpectMsg("tick");
        kit.ExpectMsg("once");
        a.Tell("cancel", kit.TestActor);
        kit.ExpectMsg("cancelled");
        clock.Advance(TimeSpan.FromSeconds(5));
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ReceiveTimeout_fires_after_silence_and_is_reset_by_messages()
    {
        var clock = new ManualTimeProvider();
        using var kit = new ManualKit(clock);
        var a = kit.Sys.ActorOf(Props.Create(() => new IdleActor(kit.TestActor)));
        a.Tell("hello", kit.TestActor);
        kit.ExpectMsg("hello");
        kit.AwaitCondition(() => clock.PendingTimerCount >= 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        a.Tell("again", kit.TestActor);
        kit.ExpectMsg("again");
        kit.AwaitCondition(() => clock.PendingDueTimes.Contains(clock.Start + TimeSpan.FromSeconds(5)));
        clock.Advance(TimeSpan.FromSeconds(2));
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        kit.ExpectMsg("idle");
    }

    [Fact]
    public void Stash_overflow_fails_the_actor()
    {
        using var system = ActorSystem.Create("stashcap", ActorSystemSettings.Default with { StashCapacity = 2 });
        var probe = new TestProbe(system);
        var a = system.ActorOf(Props.Create(() => new StashingActor(probe.Ref)));
        probe.Watch(a);
        a.Tell(1);
        a.Tell(2);
        a.Tell(3);
        // The third Stash throws StashOverflowException: the default strategy restarts the actor, the
        // stash returns to the mailbox, and the failing message (3) is dropped, as in Akka.
        a.Tell("open");
        probe.ExpectMsg(1);
        probe.ExpectMsg(2);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class ManualKit(ManualTimeProvider clock) : ActorTestKit(ActorSystemSettings.Default with { TimeProvider = clock });

    private sealed class StashingActor : ReceiveActor, IWithStash
    {
        public StashingActor(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => ReceiveAny(m => probe.Tell(m, Self)));
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "who", _ => Sender.Tell("initial", Self));
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "who", _ => Sender.Tell("pushed", Self));
                Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            }));
        }
    }

    private sealed class AsyncActor : ReceiveActor
    {
        public AsyncActor()
        {
            ReceiveAsync<int>(async i =>
            {
                await Task.Yield();
                await Task.Delay(i % 3);
                Sender.Tell(i, Self);
            });
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
        }
    }

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe)
        {
            Receive<string>(s => s == "start", _ =>
            {
                Timers.StartPeriodicTimer("periodic", "tick", TimeSpan.FromSeconds(1));
                Timers.StartSingleTimer("single", "once", TimeSpan.FromSeconds(2));
                Sender.Tell("started", Self);
            });
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.CancelAll();
                Sender.Tell("cancelled", Self);
            });
            Receive<string>(s => probe.Tell(s, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private sealed class IdleActor : ReceiveActor
    {
        public IdleActor(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(3));
            Receive<ReceiveTimeout>(_ =>
            {
                probe.Tell("idle", Self);
                Context.SetReceiveTimeout(null);
            });
            Receive<string>(s => Sender.Tell(s, Self));
        }
    }
}

public class StashEdgeTests : ActorTestKit
{
    [Fact]
    public void The_same_message_object_can_be_stashed_in_two_invocations_and_selective_unstash_keeps_the_rest()
    {
        var a = Sys.ActorOf(Props.Create(() => new Selective(TestActor)));
        a.Tell("same", TestActor);
        a.Tell("same", TestActor);
        a.Tell(1, TestActor);
        a.Tell("strings", TestActor);
        ExpectMsg("same");
        ExpectMsg("same");
        a.Tell("rest", TestActor);
        ExpectMsg(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stashing_twice_in_one_invocation_is_refused()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var a = Sys.ActorOf(Props.Create(() => new DoubleStash(TestActor)));
        a.Tell("x", TestActor);
        ExpectMsg<string>(s => s.Contains("already stashed"));
    }

    private sealed class Selective : ReceiveActor, IWithStash
    {
        public Selective(IActorRef probe)
        {
            Receive<string>(s => s == "strings", _ => Stash.UnstashAll(e => e.Message is string));
            Receive<string>(s => s == "rest", _ => Stash.UnstashAll());
            ReceiveAny(_ => Stash.Stash());
            Probe = probe;
        }

        public IStash Stash { get; set; } = null!;

        private IActorRef Probe { get; }

        protected override void PreStart() => Become(() =>
        {
            Receive<string>(s => s == "strings", _ => { Stash.UnstashAll(e => e.Message is string); Become(Deliver); });
            ReceiveAny(_ => Stash.Stash());
        });

        private void Deliver()
        {
            Receive<string>(s => s == "rest", _ => Stash.UnstashAll());
            ReceiveAny(m => Probe.Tell(m, Self));
        }
    }

    private sealed class DoubleStash : ReceiveActor, IWithStash
    {
        public DoubleStash(IActorRef probe) => ReceiveAny(_ =>
        {
            Stash.Stash();
            try
            {
                Stash.Stash();
            }
            catch (IllegalActorStateException e)
            {
                probe.Tell(e.Message, Self);
            }
        });

        public IStash Stash { get; set; } = null!;
    }
}
