namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Remoting between this test process and a separate node process over loopback.</summary>
public sealed class TwoProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly RemoteTestNodes _nodes = new();
    private readonly List<NodeProcess> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {

        foreach (var p in _processes)
        {
            p.Dispose();
        }

        await _nodes.DisposeAsync();
    }

    private async Task<NodeProcess> Spawn(int port = 0)
    {
        var p = await NodeProcess.StartAsync("peer", port);
        _processes.Add(p);
        return p;
    }

    [Fact]
    public async Task Tell_Ask_and_selection_reach_an_actor_in_another_process()
    {
        var (a, _) = _nodes.Start("a");
        var peer = await Spawn();

        var echo = await a.ActorSelection($"{peer.Address}/user/echo").ResolveOne(Wait);
        Assert.Equal("hi", await echo.Ask<string>("hi", Wait));
        var probe = new TestProbe(a);
        for (var i = 0; i < 100; i++)
        {
            echo.Tell($"m{i}", probe.Ref);
        }

        for (var i = 0; i < 100; i++)
        {
            probe.ExpectMsg($"m{i}", Wait);
        }
    }

    [Fact]
    public async Task Kill_minus_9_of_the_other_process_delivers_Terminated_within_the_detector_bound()
    {
        var (a, ra) = _nodes.Start("a");
        var peer = await Spawn();
        var echo = await a.ActorSelection($"{peer.Address}/user/echo").ResolveOne(Wait);
        var probe = new TestProbe(a);
        probe.Watch(echo);
        Assert.Equal("warm", await echo.Ask<string>("warm", Wait));
        probe.AwaitCondition(() => ra.Transport.PeerUid(peer.Address) == peer.Uid, Wait);

        peer.KillHard();

        // heartbeat 100 ms, acceptable pause 500 ms: phi crosses the threshold about a second after the last reply.
        var terminated = probe.ExpectTerminated(echo, TimeSpan.FromSeconds(5));
        Assert.True(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Graceful_shutdown_of_the_other_process_delivers_Terminated()
    {
        var (a, _) = _nodes.Start("a");
        var peer = await Spawn();
        var echo = await a.ActorSelection($"{peer.Address}/user/echo").ResolveOne(Wait);
        var probe = new TestProbe(a);
        probe.Watch(echo);
        Assert.Equal("warm", await echo.Ask<string>("warm", Wait));

        await peer.StopGracefullyAsync();

        probe.ExpectTerminated(echo, Wait);
    }

    [Fact]
    public async Task A_restarted_peer_is_a_new_incarnation_the_old_one_is_quarantined_and_messages_reach_the_new_one()
    {
        var (a, ra) = _nodes.Start("a");
        var events = new TestProbe(a);
        a.EventStream.Subscribe(events.Ref, typeof(QuarantinedEvent));
        var first = await Spawn();
        var port = first.Address.Port!.Value;
        var oldEcho = await a.ActorSelection($"{first.Address}/user/echo").ResolveOne(Wait);
        Assert.Equal("one", await oldEcho.Ask<string>("one", Wait));
        var watcher = new TestProbe(a);
        watcher.Watch(oldEcho);

        first.KillHard();
        var second = await Spawn(port);
        Assert.NotEqual(first.Uid, second.Uid);

        // The association reconnects with backoff; the selection reaches the new incarnation.
        var newEcho = await AwaitResolve(a, $"{second.Address}/user/echo");
        Assert.Equal("two", await newEcho.Ask<string>("two", Wait));
        Assert.NotEqual(oldEcho.Path.Uid, newEcho.Path.Uid);
        var quarantined = events.FishForMessage<QuarantinedEvent>(q => q.RemoteUid == first.Uid, Wait);
        Assert.Equal(second.Address, quarantined.RemoteAddress);
        watcher.ExpectTerminated(oldEcho, Wait);
        Assert.True(ra.Transport.IsQuarantined(first.Uid));
    }

    private static async Task<IActorRef> AwaitResolve(ActorSystem system, string path)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                return await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is TimeoutException or ActorNotFoundException && DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
