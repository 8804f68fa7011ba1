namespace AkkaCompute.Remote.Tests.Remoting;

public sealed record Ping(int N);

public sealed record Pong(int N);

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
}
