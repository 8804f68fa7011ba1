using AkkaCompute.Remote.Security;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Associations are refused on a mismatch or a failed PSK challenge, logged on both sides, and nothing is delivered.</summary>
public sealed class HandshakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly PskSettings Key1 = new() { Key = "correct horse battery staple, 2026-11" };
    private static readonly PskSettings Key2 = new() { Key = "a different key that is long enough!!" };
    private readonly RemoteTestNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    private static RemoteSettings Psk(PskSettings key) => RemoteTestNodes.Fast with { SecurityMode = RemoteSecurityMode.Psk, Psk = key };

    [Fact]
    public void A_wrong_cluster_id_is_refused_on_both_sides_and_the_message_goes_to_dead_letters()
    {
        var (a, _) = _nodes.Start("a", RemoteTestNodes.Fast with { ClusterId = "blue" });
        var (b, rb) = _nodes.Start("b", RemoteTestNodes.Fast with { ClusterId = "green" });
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");
        var deadLetters = new TestProbe(a);
        a.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        var dl = deadLetters.FishForMessage<DeadLetter>(d => d.Message is "hello", Wait);
        Assert.Contains("cluster id mismatch", dl.Reason);
        received.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        AwaitLogged("refused association from", "cluster id mismatch");
        AwaitLogged("association to", "cluster id mismatch");
    }

    [Fact]
    public void Nodes_with_the_same_pre_shared_key_talk()
    {
        var (a, _) = _nodes.Start("a", Psk(Key1));
        var (b, rb) = _nodes.Start("b", Psk(Key1));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        received.ExpectMsg("hello", Wait);
    }

    [Fact]
    public void A_wrong_pre_shared_key_is_refused_and_nothing_is_delivered()
    {
        var (a, _) = _nodes.Start("a", Psk(Key2));
        var (b, rb) = _nodes.Start("b", Psk(Key1));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");
        var deadLetters = new TestProbe(a);
        a.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        var dl = deadLetters.FishForMessage<DeadLetter>(d => d.Message is "hello", Wait);
        Assert.Contains("PSK", dl.Reason);
        received.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_node_without_the_key_cannot_reach_a_PSK_node()
    {
        var (a, _) = _nodes.Start("a");
        var (b, rb) = _nodes.Start("b", Psk(Key1));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        received.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        AwaitLogged("refused association from", "PSK");
    }

    [Fact]
    public void A_node_not_on_the_allow_list_is_refused()
    {
        var (a, _) = _nodes.Start("a", Psk(Key1));
        var (b, rb) = _nodes.Start("b", Psk(Key1 with { AllowedNodeIds = ["akc.tcp://someone-else@127.0.0.1:1"] }));
        var received = new TestProbe(b);
        b.ActorOf(Props.Create(() => new ForwardActor(received.Ref)), "fwd");

        a.ActorSelection($"{rb.Address}/user/fwd").Tell("hello", ActorRefs.NoSender);

        received.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        AwaitLogged("refused association from", "allowed-node-ids");
    }

    [Fact]
    public async Task A_recorded_handshake_cannot_be_replayed()
    {
        var (b, rb) = _nodes.Start("b", Psk(Key1));
        var received = new TestProbe(b);
        var target = rb.ToSerializationFormat(received.Ref);
        var self = new Address(RemoteSettings.Protocol, "raw", "127.0.0.1", 1);
        var key = Key1.KeyBytes();

        // An honest session, recorded by an eavesdropper.
        var request = RawPeer.Request(self, 77, "b");
        request.Nonce = ByteString.CopyFrom(PskHandshake.NewNonce());
        WireFrame recordedConfirm;
        await using (var honest = await RawPeer.ConnectAsync(rb.Address))
        {
            await honest.WriteFrameAsync(new WireFrame { HandshakeRequest = request });
            var response = (await honest.ReadFrameAsync(Wait))!.HandshakeResponse;
            Assert.True(response.Accepted, response.Reason);
            var proof = PskHandshake.ComputeProof(key, "client", request.Nonce.Span, response.Nonce.Span, 77, response.Uid, "akc");
            recordedConfirm = new WireFrame { HandshakeConfirm = new HandshakeConfirm { Proof = ByteString.CopyFrom(proof) } };
            await honest.WriteFrameAsync(recordedConfirm);
            await honest.WriteFrameAsync(new WireFrame { Envelope = WireEnvelopes.Envelope(rb.Serialization, target, "honest") });
            received.ExpectMsg("honest", Wait);
        }

        // The replay: same request, same confirm, but the node's fresh nonce makes the old proof worthless.
        await using var replay = await RawPeer.ConnectAsync(rb.Address);
        await replay.WriteFrameAsync(new WireFrame { HandshakeRequest = request });
        Assert.True((await replay.ReadFrameAsync(Wait))!.HandshakeResponse.Accepted);
        await replay.WriteFrameAsync(recordedConfirm);
        await replay.WriteFrameAsync(new WireFrame { Envelope = WireEnvelopes.Envelope(rb.Serialization, target, "replayed") });

        Assert.True(await replay.WaitForCloseAsync(Wait));
        received.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AwaitLogged("refused association from", "failed the PSK challenge");
    }

    [Fact]
    public void PSK_mode_without_a_key_refuses_to_start()
    {
        var e = Assert.Throws<ConfigurationException>(() => _nodes.Start("a", RemoteTestNodes.Fast with { SecurityMode = RemoteSecurityMode.Psk }));
        Assert.Equal("akc.remote.psk.key", e.Key);
        var e2 = Assert.Throws<ConfigurationException>(() => _nodes.Start("b", Psk(new PskSettings())));
        Assert.Equal("akc.remote.psk.key", e2.Key);
    }

    [Fact]
    public void A_port_in_use_refuses_to_start_and_names_the_setting()
    {
        var (_, ra) = _nodes.Start("a");
        var e = Assert.Throws<ConfigurationException>(() => _nodes.Start("b", RemoteTestNodes.Fast with { Port = ra.Address.Port!.Value }));
        Assert.Equal("akc.remote.port", e.Key);
    }

    private void AwaitLogged(string fragment1, string fragment2)
    {
        var entry = _nodes.Logs.AwaitEntry(e => e.Message.Contains(fragment1, StringComparison.Ordinal) && e.Message.Contains(fragment2, StringComparison.Ordinal), Wait);
        Assert.True(entry is not null, $"no log line with '{fragment1}' and '{fragment2}'; got:\n{string.Join('\n', _nodes.Logs.Entries.Select(e => e.Message))}");
    }
}

public sealed class ForwardActor : ReceiveActor
{
    public ForwardActor(IActorRef to) => ReceiveAny(m => to.Forward(m));
}
