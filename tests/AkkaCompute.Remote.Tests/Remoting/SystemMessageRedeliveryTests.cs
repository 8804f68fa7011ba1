using System.Net;
using System.Net.Sockets;
using AkkaCompute.Remote.Endpoint;
using AkkaCompute.Remote.Wire;
using AkkaCompute.TestKit;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>
/// Reliable DeathWatch delivery over real sockets: a node's Watch is written again on the next connection when the first
/// broke before the peer acknowledged it, and is forgotten once acknowledged; a numbered DeathWatchNotification is delivered
/// once and acknowledged. The peer is a hand-driven node (it accepts the association and reads frames).
/// </summary>
public sealed class SystemMessageRedeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const long PeerUid = 777;
    private readonly RemoteTestNodes _nodes = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public Task InitializeAsync()
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _nodes.DisposeAsync();
    }

    [Fact]
    public async Task A_Watch_lost_with_its_connection_is_sent_again_and_forgotten_once_acknowledged()
    {
        // The hand-driven peer answers no heartbeats: a long acceptable pause keeps its incarnation from being quarantined.
        var settings = RemoteTestNodes.Fast with
        {
            WatchFailureDetector = RemoteTestNodes.Fast.WatchFailureDetector with { AcceptableHeartbeatPause = TimeSpan.FromMinutes(5) },
        };
        var (a, ra) = _nodes.Start("a", settings);
        var peer = new Address(RemoteSettings.Protocol, "b", "127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
        var target = ra.Transport.ResolveActorRef($"{peer}/user/target");
        var probe = new TestProbe(a);
        probe.Watch(target);

        // First connection: the Watch arrives as message 1; the connection breaks before any acknowledgement.
        await using (var first = await AcceptAsync(ra))
        {
            var watch = await ReadSystemAsync(first);
            Assert.Equal(1UL, watch.Seq);
            Assert.Equal(target.Path.ToString(), watch.Watch.Watchee.Path.Split('#')[0]);
        }

        // The node reconnects and writes message 1 again.
        await using var second = await AcceptAsync(ra);
        var again = await ReadSystemAsync(second);
        Assert.Equal(1UL, again.Seq);
        Assert.Equal(SystemEnvelope.KindOneofCase.Watch, again.KindCase);
        var association = ra.Transport.GetAssociation(peer)!;
        Assert.Equal(1, association.UnacknowledgedSystemMessages);

        // The peer connects back, acknowledges message 1, and then tells of the target's death, twice (a resend).
        await using var back = await ConnectBackAsync(ra, peer);
        await back.WriteFrameAsync(new WireFrame { SystemAck = new SystemAck { Seq = 1, Uid = PeerUid } });
        probe.AwaitCondition(() => association.UnacknowledgedSystemMessages == 0, Wait, message: "the acknowledged Watch was not forgotten");

        var death = new WireFrame
        {
            System = new SystemEnvelope
            {
                Seq = 1,
                DeathWatchNotification = new DeathWatchNotificationData
                {
                    Actor = new ActorRefData { Path = target.Path.ToString() },
                    Watcher = new ActorRefData { Path = ra.ToSerializationFormat(probe.Ref) },
                    ExistenceConfirmed = true,
                },
            },
        };
        await back.WriteFrameAsync(death);
        await back.WriteFrameAsync(death);
        probe.ExpectTerminated(target, Wait);

        // The node acknowledges the notification over its own connection to the peer.
        var ack = (await ReadUntilAsync(second, WireFrame.KindOneofCase.SystemAck)).SystemAck;
        Assert.Equal(1UL, ack.Seq);
        Assert.Equal(ra.Uid, ack.Uid);
    }

    /// <summary>Accepts the node's next outbound connection and completes the handshake as incarnation <see cref="PeerUid"/> of node b.</summary>
    private async Task<RawPeer> AcceptAsync(AkkaCompute.Remote.Remoting node)
    {
        var peer = RawPeer.Accepted(await _listener.AcceptSocketAsync().WaitAsync(Wait));
        var request = (await peer.ReadFrameAsync(Wait))!.HandshakeRequest;
        Assert.Equal("b", request.TargetSystem);
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        await peer.WriteFrameAsync(new WireFrame
        {
            HandshakeResponse = new HandshakeResponse
            {
                Accepted = true,
                ProtocolVersion = RemoteSettings.ProtocolVersion,
                System = "b",
                ClusterId = node.Settings.ClusterId,
                Address = $"{RemoteSettings.Protocol}://b@127.0.0.1:{port}",
                Uid = PeerUid,
                Nonce = ByteString.CopyFrom(new byte[HandshakeRules.NonceBytes]),
            },
        });
        Assert.Equal(WireFrame.KindOneofCase.HandshakeConfirm, (await peer.ReadFrameAsync(Wait))!.KindCase);
        return peer;
    }

    /// <summary>Opens a connection from the peer to the node and completes the handshake as the peer.</summary>
    private static async Task<RawPeer> ConnectBackAsync(AkkaCompute.Remote.Remoting node, Address peer)
    {
        var back = await RawPeer.ConnectAsync(node.Address);
        await back.WriteFrameAsync(new WireFrame { HandshakeRequest = RawPeer.Request(peer, PeerUid, node.Address.System, node.Settings.ClusterId) });
        Assert.True((await back.ReadFrameAsync(Wait))!.HandshakeResponse.Accepted);
        await back.WriteFrameAsync(new WireFrame { HandshakeConfirm = new HandshakeConfirm() });
        return back;
    }

    /// <summary>Reads frames until a system message (heartbeats come and go in between).</summary>
    private static async Task<SystemEnvelope> ReadSystemAsync(RawPeer peer) =>
        (await ReadUntilAsync(peer, WireFrame.KindOneofCase.System)).System;

    /// <summary>Reads frames until one of <paramref name="kind"/>, within <see cref="Wait"/> in all.</summary>
    private static async Task<WireFrame> ReadUntilAsync(RawPeer peer, WireFrame.KindOneofCase kind)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Assert.True(deadline.Elapsed < Wait, $"no {kind} frame within {Wait.TotalSeconds} s");
            var frame = await peer.ReadFrameAsync(Wait);
            Assert.NotNull(frame);
            if (frame.KindCase == kind)
            {
                return frame;
            }
        }
    }
}
