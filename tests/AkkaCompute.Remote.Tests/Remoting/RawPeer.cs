using System.Buffers.Binary;
using System.Net.Sockets;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>A hand-driven TCP peer that speaks (or abuses) the wire protocol, for hostile-input and handshake tests.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private NetworkStream _stream = null!;

    public static async Task<RawPeer> ConnectAsync(Address target)
    {
        var peer = new RawPeer();
        await peer._client.ConnectAsync(target.Host!, target.Port!.Value);
        peer._stream = peer._client.GetStream();
        return peer;
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
        _client.Dispose();
        await Task.CompletedTask;
    }
}
