using System.Buffers.Binary;
using System.Net.Sockets;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>A hand-driven TCP peer that speaks (or abuses) the wire protocol, for hostile-input and handshake tests.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly IDisposable _owner;
    private readonly NetworkStream _stream;

    private RawPeer(IDisposable owner, NetworkStream stream)
    {
        _owner = owner;
        _stream = stream;
    }

    public static async Task<RawPeer> ConnectAsync(Address target)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(target.Host!, target.Port!.Value);
        return new RawPeer(client, client.GetStream());
    }

    /// <summary>A peer on a socket accepted from a node that connected out (the peer plays the accepting side).</summary>
    public static RawPeer Accepted(Socket socket)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new RawPeer(stream, stream);
    }

    public Task WriteRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    internal async Task WriteFrameAsync(WireFrame frame)
    {
        var body = frame.ToByteArray();
        var bytes = new byte[body.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)body.Length);
        body.CopyTo(bytes, 4);
        await _stream.WriteAsync(bytes);
    }

    /// <summary>Reads one frame; null when the other side closed the connection.</summary>
    internal async Task<WireFrame?> ReadFrameAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var prefix = new byte[4];
        if (!await ReadExactlyAsync(prefix, cts.Token))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix)];
        return await ReadExactlyAsync(body, cts.Token) ? WireFrame.Parser.ParseFrom(body) : null;
    }

    /// <summary>Waits until the other side closes the connection (true) or the timeout passes (false).</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    internal static HandshakeRequest Request(Address self, long uid, string targetSystem, string clusterId = "akc") => new()
    {
        ProtocolVersion = RemoteSettings.ProtocolVersion,
        System = self.System,
        ClusterId = clusterId,
        Address = self.ToString(),
        Uid = uid,
        TargetSystem = targetSystem,
        Nonce = ByteString.CopyFrom(new byte[32]),
    };

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken ct)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer, ct);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _owner.Dispose();
        await Task.CompletedTask;
    }
}
