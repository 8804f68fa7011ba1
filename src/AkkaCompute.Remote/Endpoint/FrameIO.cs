using System.Buffers;
using System.IO.Pipelines;
using AkkaCompute.Remote.Transport;
using AkkaCompute.Remote.Wire;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>Reading and writing single frames during the handshake (after it, the batched loops take over).</summary>
internal static class FrameIO
{
    /// <summary>The largest frame accepted before a peer is authenticated, in bytes (handshake frames are small).</summary>
    public const int MaxHandshakeFrameBytes = 16 * 1024;

    /// <summary>Writes one frame and flushes.</summary>
    public static async Task WriteAsync(Stream stream, WireFrame frame, CancellationToken ct)
    {
        var encoded = OutboundFrame.Encode(frame, null);
        try
        {
            await stream.WriteAsync(encoded.Buffer.AsMemory(0, encoded.Length), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            encoded.Return();
        }
    }

    /// <summary>Reads one frame, or null when the peer closed the connection first.</summary>
    /// <exception cref="FrameDecodingException">The length prefix exceeds <paramref name="decoder"/>'s limit.</exception>
    /// <exception cref="Google.Protobuf.InvalidProtocolBufferException">The frame is not a valid WireFrame.</exception>
    public static async Task<WireFrame?> ReadAsync(PipeReader reader, FrameDecoder decoder, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (decoder.TryReadFrame(ref buffer, out var payload))
            {
                var frame = WireFrame.Parser.ParseFrom(payload);
                reader.AdvanceTo(buffer.Start);
                return frame;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
