namespace AkkaCompute.Remote.Tests.Remoting;

public sealed record Ping(int N);

public sealed record Pong(int N);

public sealed record Introduce(IActorRef ReplyTo, string Text);

public sealed class IntroducedActor : ReceiveActor
{
    public IntroducedActor() => Receive<Introduce>(m => m.ReplyTo.Tell(m.Text + " back", Self));
}

public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Ping>(p => Sender.Tell(new Pong(p.N), Self));
        Receive<string>(s => Sender.Tell(s, Self));
    }
}

public sealed class RemoteMessagingTests : IAsyncLifetime
{
    private readonly RemoteTestNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Ask_through_a_resolved_selection_crosses_to_the_other_system_and_back()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");

        var echo = await a.ActorSelection($"{rb.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));

        Assert.IsType<RemoteActorRef>(echo);
        Assert.Equal(rb.Address, echo.Path.Address);
        Assert.NotEqual(ActorPath.UndefinedUid, echo.Path.Uid);
        var pong = await echo.Ask<Pong>(new Ping(7), TimeSpan.FromSeconds(5));
        Assert.Equal(new Pong(7), pong);
    }

    [Fact]
    public async Task Tell_keeps_order_and_the_reply_reaches_the_local_sender()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probe = new TestProbe(a);

        var echo = await a.ActorSelection($"{rb.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 1000; i++)
        {
            echo.Tell(new Ping(i), probe.Ref);
        }

        for (var i = 0; i < 1000; i++)
        {
            probe.ExpectMsg<Pong>(p => p.N == i, TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Selection_tell_to_a_missing_remote_actor_answers_Identify_with_no_subject()
    {
        var (a, _) = _nodes.Start("a");
        var (_, rb) = _nodes.Start("b");

        await Assert.ThrowsAsync<ActorNotFoundException>(() => a.ActorSelection($"{rb.Address}/user/nobody-here").ResolveOne(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Selection_with_a_wildcard_reaches_every_matching_remote_actor()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo-1");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo-2");
        var probe = new TestProbe(a);

        a.ActorSelection($"{rb.Address}/user/echo-*").Tell(new Ping(1), probe.Ref);

        probe.ExpectMsg<Pong>(timeout: TimeSpan.FromSeconds(5));
        probe.ExpectMsg<Pong>(timeout: TimeSpan.FromSeconds(5));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Selection_of_the_own_network_address_resolves_locally()
    {
        var (a, ra) = _nodes.Start("a");
        var local = a.ActorOf(Props.Create(() => new EchoActor()), "echo");

        var resolved = await a.ActorSelection($"{ra.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));

        Assert.Same(local, resolved);
    }

    [Fact]
    public async Task A_ref_inside_a_message_resolves_on_the_other_side_and_replies_reach_it()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new IntroducedActor()), "intro");
        var probe = new TestProbe(a);
        var intro = await a.ActorSelection($"{rb.Address}/user/intro").ResolveOne(TimeSpan.FromSeconds(5));

        intro.Tell(new Introduce(probe.Ref, "ping"), ActorRefs.NoSender);

        probe.ExpectMsg("ping back", TimeSpan.FromSeconds(5));
        Assert.IsType<RemoteActorRef>(probe.LastSender);
    }

    [Fact]
    public async Task An_oversized_message_goes_to_dead_letters_with_its_size_and_the_association_stays_up()
    {
        var (a, _) = _nodes.Start("a", RemoteTestNodes.Fast with { MaximumFrameSizeBytes = 2048 });
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        var probe = new TestProbe(a);
        var deadLetters = new TestProbe(a);
        a.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var echo = await a.ActorSelection($"{rb.Address}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));

        echo.Tell(new string('x', 10_000), probe.Ref);
        echo.Tell("small", probe.Ref);

        var dl = deadLetters.FishForMessage<DeadLetter>(d => d.Message is string { Length: 10_000 }, TimeSpan.FromSeconds(5));
        Assert.Contains("exceeds akc.remote.transport.maximum-frame-size (2048 bytes)", dl.Reason);
        probe.ExpectMsg("small", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_full_send_queue_overflows_to_dead_letters_not_memory()
    {
        var (a, _) = _nodes.Start("a", RemoteTestNodes.Fast with { SendQueueSize = 10 });
        var deadLetters = new TestProbe(a);
        a.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var unreachable = a.ActorSelection("akc.tcp://nobody@127.0.0.1:1/user/x");

        for (var i = 0; i < 100; i++)
        {
            unreachable.Tell(i, ActorRefs.NoSender);
        }

        var full = deadLetters.FishForMessage<DeadLetter>(d => d.Reason.Contains("send queue", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("akc.remote.transport.send-queue-size", full.Reason);
    }
}
