namespace AkkaCompute.Remote.Tests.Remoting;

public sealed class RemoteDeathWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RemoteTestNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Watching_a_remote_actor_delivers_Terminated_when_it_stops()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        var target = b.ActorOf(Props.Create(() => new EchoActor()), "target");
        var probe = new TestProbe(a);
        var remote = await a.ActorSelection($"{rb.Address}/user/target").ResolveOne(Wait);

        probe.Watch(remote);
        await AwaitWatchedBy(remote, probe, a);
        b.Stop(target);

        var terminated = probe.ExpectTerminated(remote, Wait);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public async Task Watching_a_remote_actor_delivers_Terminated_when_its_system_shuts_down()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "target");
        var probe = new TestProbe(a);
        var remote = await a.ActorSelection($"{rb.Address}/user/target").ResolveOne(Wait);

        probe.Watch(remote);
        await AwaitWatchedBy(remote, probe, a);
        await b.Terminate().WaitAsync(Wait);

        probe.ExpectTerminated(remote, Wait);
    }

    [Fact]
    public async Task Watching_a_remote_actor_that_no_longer_exists_delivers_Terminated()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        var target = b.ActorOf(Props.Create(() => new EchoActor()), "target");
        var remote = await a.ActorSelection($"{rb.Address}/user/target").ResolveOne(Wait);
        await target.GracefulStop(Wait);
        var probe = new TestProbe(a);

        probe.Watch(remote);

        var terminated = probe.ExpectTerminated(remote, Wait);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Unwatch_stops_the_Terminated()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        var target = b.ActorOf(Props.Create(() => new EchoActor()), "target");
        var probe = new TestProbe(a);
        var remote = await a.ActorSelection($"{rb.Address}/user/target").ResolveOne(Wait);

        probe.Watch(remote);
        await AwaitWatchedBy(remote, probe, a);
        probe.Unwatch(remote);
        await target.GracefulStop(Wait);

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_remote_watcher_of_a_local_actor_is_told_when_it_stops()
    {
        var (a, ra) = _nodes.Start("a");
        var (b, _) = _nodes.Start("b");
        var local = a.ActorOf(Props.Create(() => new EchoActor()), "local");
        var watcherOnB = new TestProbe(b);
        var remoteOfLocal = await b.ActorSelection($"{ra.Address}/user/local").ResolveOne(Wait);

        watcherOnB.Watch(remoteOfLocal);
        await AwaitWatchedBy(remoteOfLocal, watcherOnB, b);
        a.Stop(local);

        watcherOnB.ExpectTerminated(remoteOfLocal, Wait);
    }

    /// <summary>The Watch crosses asynchronously; a round trip through the same association orders it before what follows.</summary>
    private static async Task AwaitWatchedBy(IActorRef remote, TestProbe probe, ActorSystem system)
    {
        var echoProbe = new TestProbe(system);
        remote.Tell(new Ping(0), echoProbe.Ref);
        echoProbe.ExpectMsg<Pong>(timeout: Wait);
        await Task.CompletedTask;
        GC.KeepAlive(probe);
    }
}
