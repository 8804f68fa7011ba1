namespace AkkaCompute.Actors.Tests;

public class DeathWatchTests : ActorTestKit
{
    [Fact]
    public void Terminated_arrives_exactly_once()
    {
        var a = Sys.ActorOf(Props.Empty);
        Watch(a);
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated()
    {
        var a = Sys.ActorOf(Props.Empty);
        var other = CreateTestProbe();
        other.Watch(a);
        Sys.Stop(a);
        other.ExpectTerminated(a);
        Watch(a);
        ExpectTerminated(a);
    }

    [Fact]
    public void Messages_sent_before_death_arrive_before_Terminated()
    {
        var sender = Sys.ActorOf(Props.Create(() => new SendThenStop(TestActor)));
        Watch(sender);
        sender.Tell("go", TestActor);
        for (var i = 0; i < 100; i++)
        {
            ExpectMsg(i);
        }

        ExpectTerminated(sender);
    }

    [Fact]
    public void Unwatch_drops_pending_Terminated()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new WatchThenUnwatch(TestActor)));
        var target = Sys.ActorOf(Props.Empty);
        watcher.Tell(target, TestActor);
        ExpectMsg("unwatched");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unhandled_Terminated_is_a_DeathPact_that_stops_the_watcher()
    {
        var target = Sys.ActorOf(Props.Empty);
        var watcher = Sys.ActorOf(Props.Create(() => new WatchesButIgnores(target)));
        Watch(watcher);
        Sys.Stop(target);
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Parent_stop_stops_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new FailingActor(TestActor)), "parent");
        ExpectMsg("prestart");
        parent.Tell(Props.Create(() => new FailingActor(TestActor)), TestActor);
        var child = ReceiveN(2).OfType<IActorRef>().Single();
        Watch(child);
        Sys.Stop(parent);
        ExpectMsg("poststop");
        Assert.Equal(child, LastSender);
        ExpectMsgAllOf(new Terminated(child), "poststop");
    }

    [Fact]
    public async Task GracefulStop_returns_true_when_stopped()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.True(await a.GracefulStop(TimeSpan.FromSeconds(5)));
        Assert.True(((ActorRefBase)a).IsTerminated);
    }

    [Fact]
    public async Task GracefulStop_returns_false_on_timeout()
    {
        var clock = new ManualTimeProvider();
        using var system = ActorSystem.Create("gs", ActorSystemSettings.Default with { TimeProvider = clock });
        var a = system.ActorOf(Props.Empty);
        var stop = a.GracefulStop(TimeSpan.FromSeconds(1), "not a poison pill");
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await stop);
    }

    [Fact]
    public void PoisonPill_processes_earlier_messages_first()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        echo.Tell(new Ping(1), TestActor);
        echo.Tell(new Ping(2), TestActor);
        echo.Tell(PoisonPill.Instance, TestActor);
        echo.Tell(new Ping(3), TestActor);
        ExpectMsg(new Pong(1));
        ExpectMsg(new Pong(2));
        ExpectTerminated(echo);
        ExpectDeadLetter<Ping>(p => p.N == 3);
    }

    private sealed class SendThenStop(IActorRef target) : ActorBase
    {
        protected override bool Receive(object message)
        {
            for (var i = 0; i < 100; i++)
            {
                target.Tell(i, Self);
            }

            Context.Stop(Self);
            return true;
        }
    }

    private sealed class WatchThenUnwatch(IActorRef probe) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is IActorRef target)
            {
                Context.Watch(target);
                Context.Stop(target);
                // Give the notification a chance to be queued, then unwatch: it must not be delivered.
                Context.Unwatch(target);
                probe.Tell("unwatched", Self);
                return true;
            }

            if (message is Terminated)
            {
                probe.Tell("got terminated", Self);
                return true;
            }

            return false;
        }
    }

    private sealed class WatchesButIgnores : ActorBase
    {
        public WatchesButIgnores(IActorRef target) => Context.Watch(target);

        protected override bool Receive(object message) => false;
    }
}
