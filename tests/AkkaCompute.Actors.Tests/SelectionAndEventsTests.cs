namespace AkkaCompute.Actors.Tests;

public class SelectionAndEventsTests : ActorTestKit
{
    [Fact]
    public async Task Selection_resolves_absolute_relative_and_wildcard_paths()
    {
        var parent = Sys.ActorOf(Props.Create(() => new FailingActor(TestActor)), "sel-parent");
        ExpectMsg("prestart");
        parent.Tell(Props.Create<EchoActor>(), TestActor);
        var child = ExpectMsg<IActorRef>();

        Assert.Equal(child, await Sys.ActorSelection("/user/sel-parent/child").ResolveOne(TimeSpan.FromSeconds(3)));
        Assert.Equal(child, await Sys.ActorSelection("akc://SelectionAndEventsTests/user/sel-parent/child").ResolveOne(TimeSpan.FromSeconds(3)));
        Sys.ActorSelection("/user/sel-*/c?ild").Tell(new Ping(5), TestActor);
        ExpectMsg(new Pong(5));
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/nothing-here").ResolveOne(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Identify_to_missing_path_answers_empty_identity()
    {
        Sys.ActorSelection("/user/missing").Tell(new Identify(42), TestActor);
        var id = ExpectMsg<ActorIdentity>();
        Assert.Equal(42, id.MessageId);
        Assert.Null(id.Subject);
    }

    [Fact]
    public void Selection_to_missing_path_dead_letters_ordinary_messages()
    {
        Sys.ActorSelection("/user/missing").Tell("lost", TestActor);
        var dl = ExpectDeadLetter<string>(s => s == "lost");
        Assert.Contains("no actor at", dl.Reason);
    }

    [Fact]
    public void EventStream_delivers_by_type_and_unsubscribe_stops_it()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Ping));
        Sys.EventStream.Publish(new Ping(1));
        Sys.EventStream.Publish(new Pong(1));
        probe.ExpectMsg(new Ping(1));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Sys.EventStream.Unsubscribe(probe.Ref);
        Sys.EventStream.Publish(new Ping(2));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Scheduler_sends_once_and_repeatedly_on_manual_clock()
    {
        var clock = new ManualTimeProvider();
        using var system = ActorSystem.Create("sched", ActorSystemSettings.Default with { TimeProvider = clock });
        var probe = new TestProbe(system);
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe.Ref, "once", ActorRefs.NoSender);
        var repeat = system.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), probe.Ref, "again", ActorRefs.NoSender);
        clock.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsgAllOf("once", "again");
        clock.Advance(TimeSpan.FromSeconds(1));
        probe.ExpectMsg("again");
        repeat.Cancel();
        clock.Advance(TimeSpan.FromSeconds(3));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
