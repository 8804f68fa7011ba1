using System.Buffers.Binary;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Bad bytes on the port close that connection only; the node keeps serving honest peers.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RemoteTestNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    private static void AssertServes(ActorSystem from, AkkaCompute.Remote.Remoting to, int n)
    {
        var probe = new TestProbe(from);
        from.ActorSelection($"{to.Address}/user/echo").Tell(new Ping(n), probe.Ref);
        probe.ExpectMsg<Pong>(p => p.N == n, Wait);
    }

    private (ActorSystem A, ActorSystem B, AkkaCompute.Remote.Remoting RB) Pair()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b");
        b.ActorOf(Props.Create(() => new EchoActor()), "echo");
        return (a, b, rb);
    }

    [Fact]
    public async Task Random_bytes_close_the_connection_and_the_node_serves_on()
    {
        var (a, _, rb) = Pair();
        AssertServes(a, rb, 1);
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            await using var raw = await RawPeer.ConnectAsync(rb.Address);
            var bytes = new byte[random.Next(1, 5000)];
            random.NextBytes(bytes);
            await raw.WriteRawAsync(bytes);
            Assert.True(await raw.WaitForCloseAsync(Wait), "the node should close a connection that sends garbage");
        }

        AssertServes(a, rb, 2);
    }

    [Fact]
    public async Task A_length_prefix_of_2_GB_closes_the_connection_without_allocating_it()
    {
        var (a, _, rb) = Pair();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var raw = await RawPeer.ConnectAsync(rb.Address);
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, 2_000_000_000);
        await raw.WriteRawAsync(prefix);

        Assert.True(await raw.WaitForCloseAsync(Wait));
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 100_000_000);
        AwaitLog("over the maximum frame size");
        AssertServes(a, rb, 1);
    }

    [Fact]
    public async Task A_truncated_frame_then_close_leaves_the_node_serving()
    {
        var (a, _, rb) = Pair();
        await using (var raw = await RawPeer.ConnectAsync(rb.Address))
        {
            var prefix = new byte[4 + 10];
            BinaryPrimitives.WriteUInt32BigEndian(prefix, 100);
            await raw.WriteRawAsync(prefix);
        }

        AssertServes(a, rb, 1);
    }

    [Fact]
    public async Task A_well_framed_garbage_payload_before_the_handshake_closes_the_connection()
    {
        var (a, _, rb) = Pair();
        await using var raw = await RawPeer.ConnectAsync(rb.Address);
        var frame = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 64);
        new Random(7).NextBytes(frame.AsSpan(4));
        await raw.WriteRawAsync(frame);

        Assert.True(await raw.WaitForCloseAsync(Wait));
        AssertServes(a, rb, 1);
    }

    [Fact]
    public async Task An_envelope_before_the_handshake_is_refused_and_never_delivered()
    {
        var (a, b, rb) = Pair();
        var probe = new TestProbe(b);
        await using var raw = await RawPeer.ConnectAsync(rb.Address);
        await raw.WriteFrameAsync(new WireFrame { Envelope = WireEnvelopes.Envelope(rb.Serialization, rb.ToSerializationFormat(probe.Ref), "sneaky") });

        Assert.True(await raw.WaitForCloseAsync(Wait));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AssertServes(a, rb, 1);
    }

    [Fact]
    public async Task A_garbage_user_payload_after_the_handshake_goes_to_dead_letters_and_the_association_stays_up()
    {
        var (_, b, rb) = Pair();
        var probe = new TestProbe(b);
        var deadLetters = new TestProbe(b);
        b.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        await using var raw = await RawPeer.ConnectAsync(rb.Address);
        var self = new Address(RemoteSettings.Protocol, "raw", "127.0.0.1", 1);
        await raw.WriteFrameAsync(new WireFrame { HandshakeRequest = RawPeer.Request(self, 99, "b") });
        var response = await raw.ReadFrameAsync(Wait);
        Assert.True(response!.HandshakeResponse.Accepted, response.HandshakeResponse.Reason);
        await raw.WriteFrameAsync(new WireFrame { HandshakeConfirm = new HandshakeConfirm() });

        var target = rb.ToSerializationFormat(probe.Ref);
        var garbage = WireEnvelopes.Envelope(rb.Serialization, target, "x");
        garbage.Message = new Payload { SerializerId = 1, Manifest = "No.Such.Type, Nowhere", Message = ByteString.CopyFromUtf8("{]") };
        await raw.WriteFrameAsync(new WireFrame { Envelope = garbage });
        var unknownSerializer = WireEnvelopes.Envelope(rb.Serialization, target, "y");
        unknownSerializer.Message.SerializerId = 31337;
        await raw.WriteFrameAsync(new WireFrame { Envelope = unknownSerializer });
        await raw.WriteFrameAsync(new WireFrame { Envelope = WireEnvelopes.Envelope(rb.Serialization, target, "honest") });

        var first = deadLetters.ExpectMsg<DeadLetter>(d => d.Message is UnreadableRemoteMessage, Wait);
        Assert.Contains("could not be deserialized", first.Reason);
        deadLetters.ExpectMsg<DeadLetter>(d => d.Message is UnreadableRemoteMessage { SerializerId: 31337 }, Wait);
        probe.ExpectMsg("honest", Wait);
    }

    [Fact]
    public async Task Two_thousand_half_open_connections_do_not_stop_honest_peers()
    {
        var (a, _, rb) = Pair();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var idle = new List<RawPeer>();
        try
        {
            for (var i = 0; i < 2000; i++)
            {
                idle.Add(await RawPeer.ConnectAsync(rb.Address));
            }

            AssertServes(a, rb, 1);
            Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 200_000_000, "2,000 idle connections should cost well under 200 MB");
        }
        finally
        {
            foreach (var r in idle)
            {
                await r.DisposeAsync();
            }
        }

        var transport = rb.Transport;
        await AwaitCondition(() => transport.PendingHandshakes == 0);
        AssertServes(a, rb, 2);
    }

    [Fact]
    public async Task Idle_connections_are_closed_after_the_handshake_timeout()
    {
        var (b, rb) = _nodes.Start("b", RemoteTestNodes.Fast with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var raw = await RawPeer.ConnectAsync(rb.Address);

        Assert.True(await raw.WaitForCloseAsync(Wait));
        AwaitLog("no handshake within");
        GC.KeepAlive(b);
    }

    private void AwaitLog(string fragment) =>
        Assert.True(_nodes.Logs.AwaitEntry(e => e.Message.Contains(fragment, StringComparison.Ordinal), Wait) is not null, $"no log line with '{fragment}'");

    private static async Task AwaitCondition(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
