namespace AkkaCompute.Actors.Tests;

public class SupervisionTests : ActorTestKit
{
    private IActorRef Child(SupervisorStrategy strategy, string name = "child")
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell((Props.Create(() => new FailingActor(TestActor)), name), TestActor);
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("prestart");
        return child;
    }

    [Fact]
    public void Default_strategy_restarts_with_lifecycle_hooks_and_loses_state()
    {
        var child = Child(SupervisorStrategy.DefaultStrategy);
        child.Tell("inc", TestActor);
        child.Tell(new InvalidOperationException("boom"), TestActor);
        ExpectMsg("prerestart:boom");
        ExpectMsg("poststop");
        ExpectMsg("postrestart:boom");
        ExpectMsg("prestart");
        child.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Resume_keeps_state_and_continues_with_next_message()
    {
        var child = Child(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("inc", TestActor);
        child.Tell(new InvalidOperationException("boom"), TestActor);
        child.Tell("inc", TestActor);
        child.Tell("state", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var child = Child(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);
        child.Tell(new InvalidOperationException("boom"), TestActor);
        ExpectMsg("poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Restarts_beyond_max_retries_within_window_stop_the_child()
    {
        var child = Child(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);
        for (var i = 0; i < 2; i++)
        {
            child.Tell(new InvalidOperationException("x"), TestActor);
            ExpectMsg("prerestart:x");
            ExpectMsg("poststop");
            ExpectMsg("postrestart:x");
            ExpectMsg("prestart");
        }

        child.Tell(new InvalidOperationException("x"), TestActor);
        ExpectMsg("poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_its_parent_restarts()
    {
        var escalating = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), "escalating");
        escalating.Tell((Props.Create(() => new FailingActor(TestActor)), "leaf"), TestActor);
        var leaf = ExpectMsg<IActorRef>();
        ExpectMsg("prestart");
        Watch(leaf);
        leaf.Tell(new InvalidOperationException("up"), TestActor);
        // The escalating supervisor is restarted by /user's default strategy; its default PreRestart stops the leaf.
        ExpectMsg("poststop");
        ExpectTerminated(leaf);
        Assert.False(((ActorRefBase)escalating).IsTerminated);
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var p1 = CreateTestProbe();
        var p2 = CreateTestProbe();
        supervisor.Tell((Props.Create(() => new FailingActor(p1.Ref)), "a"), TestActor);
        var a = ExpectMsg<IActorRef>();
        supervisor.Tell((Props.Create(() => new FailingActor(p2.Ref)), "b"), TestActor);
        ExpectMsg<IActorRef>();
        p1.ExpectMsg("prestart");
        p2.ExpectMsg("prestart");
        a.Tell(new InvalidOperationException("all"), TestActor);
        p1.FishForMessage(m => m is "postrestart:all");
        p2.FishForMessage(m => m is "postrestart:all");
    }

    [Fact]
    public void Exception_in_constructor_stops_the_actor_and_system_survives()
    {
        var a = Sys.ActorOf(Props.Create(() => new ThrowsInCtor()), "ctor");
        Watch(a);
        ExpectTerminated(a);
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell(new Ping(3), TestActor);
        ExpectMsg(new Pong(3));
    }

    [Fact]
    public void Kill_stops_via_ActorKilledException()
    {
        var child = Child(SupervisorStrategy.DefaultStrategy);
        Watch(child);
        child.Tell(Kill.Instance, TestActor);
        ExpectMsg("poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Restart_keeps_mailbox_messages_queued_after_the_failure()
    {
        var child = Child(SupervisorStrategy.DefaultStrategy);
        child.Tell(new InvalidOperationException("boom"), TestActor);
        child.Tell("inc", TestActor);
        child.Tell("state", TestActor);
        FishForMessage(m => m is 1);
    }

    private sealed class ThrowsInCtor : ActorBase
    {
        public ThrowsInCtor() => throw new InvalidOperationException("bad ctor");

        protected override bool Receive(object message) => false;
    }
}
