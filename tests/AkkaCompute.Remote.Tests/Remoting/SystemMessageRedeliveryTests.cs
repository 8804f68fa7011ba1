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
        using (var first = await AcceptAsync(ra))
        {
            var watch = await ReadSystemAsync(first);
            Assert.Equal(1UL, watch.Seq);
            Assert.Equal(target.Path.ToString(), watch.Watch.Watchee.Path.Split('#')[0]);
        }

        // The node reconnects and writes message 1 again.
        using var second = await AcceptAsync(ra);
        var again = await ReadSystemAsync(second);
        Assert.Equal(1UL, again.Seq);
        Assert.Equal(SystemEnvelope.KindOneofCase.Watch, again.KindCase);
        var association = ra.Transport.GetAssociation(peer)!;
        Assert.Equal(1, association.UnacknowledgedSystemMessages);

        // The peer connects back, acknowledges message 1, and then tells of the target's death, twice (a resend).
        using var back = await ConnectBackAsync(ra, peer);
        await WriteAsync(back, new WireFrame { SystemAck = new SystemAck { Seq = 1, Uid = PeerUid } });
        await Until(() => association.UnacknowledgedSystemMessages == 0, "the acknowledged Watch was not forgotten");

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
        await WriteAsync(back, death);
        await WriteAsync(back, death);
        probe.ExpectTerminated(target, Wait);

        // The node acknowledges the notification over its own connection to the peer.
        var ack = (await ReadUntilAsync(second, WireFrame.KindOneofCase.SystemAck)).SystemAck;
        Assert.Equal(1UL, ack.Seq);
        Assert.Equal(ra.Uid, ack.Uid);
    }

    /// <summary>Accepts the node's next outbound connection and completes the handshake as incarnation <see cref="PeerUid"/> of node b.</summary>
    private async Task<NetworkStream> AcceptAsync(AkkaCompute.Remote.Remoting node)
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(Wait);
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        var request = (await ReadFrameAsync(stream))!.HandshakeRequest;
        Assert.Equal("b", request.TargetSystem);
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        await WriteAsync(stream, new WireFrame
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
        Assert.Equal(WireFrame.KindOneofCase.HandshakeConfirm, (await ReadFrameAsync(stream))!.KindCase);
        return stream;
    }

    /// <summary>Opens a connection from the peer to the node and completes the handshake as the peer.</summary>
    private static async Task<NetworkStream> ConnectBackAsync(AkkaCompute.Remote.Remoting node, Address peer)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(node.Address.Host!, node.Address.Port!.Value);
        var stream = client.GetStream();
        await WriteAsync(stream, new WireFrame
        {
            HandshakeRequest = new HandshakeRequest
            {
                ProtocolVersion = RemoteSettings.ProtocolVersion,
                System = "b",
                ClusterId = node.Settings.ClusterId,
                Address = peer.ToString(),
                Uid = PeerUid,
                TargetSystem = node.Address.System,
                Nonce = ByteString.CopyFrom(new byte[HandshakeRules.NonceBytes]),
            },
        });
        Assert.True((await ReadFrameAsync(stream))!.HandshakeResponse.Accepted);
        await WriteAsync(stream, new WireFrame { HandshakeConfirm = new HandshakeConfirm() });
        return stream;
    }

    /// <summary>Reads frames until a system message (heartbeats come and go in between).</summary>
    private static async Task<SystemEnvelope> ReadSystemAsync(NetworkStream stream) =>
        (await ReadUntilAsync(stream, WireFrame.KindOneofCase.System)).System;

    /// <summary>Reads frames until one of <paramref name="kind"/>, within <see cref="Wait"/> in all.</summary>
    private static async Task<WireFrame> ReadUntilAsync(NetworkStream stream, WireFrame.KindOneofCase kind)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Assert.True(deadline.Elapsed < Wait, $"no {kind} frame within {Wait.TotalSeconds} s");
            var frame = await ReadFrameAsync(stream);
            Assert.NotNull(frame);
            if (frame.KindCase == kind)
            {
                return frame;
            }
        }
    }

    private static async Task<WireFrame?> ReadFrameAsync(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(Wait);
        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix, cts.Token);
        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(prefix)];
        await stream.ReadExactlyAsync(body, cts.Token);
        return WireFrame.Parser.ParseFrom(body);
    }

    private static async Task WriteAsync(NetworkStream stream, WireFrame frame)
    {
        var body = frame.ToByteArray();
        var bytes = new byte[body.Length + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)body.Length);
        body.CopyTo(bytes, 4);
        await stream.WriteAsync(bytes);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            Assert.False(cts.IsCancellationRequested, what);
            await Task.Delay(10);
        }
    }
}
