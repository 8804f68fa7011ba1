using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Writes length-prefixed frames: a 4-byte big-endian (network order) payload length, then the payload. The wire format
/// of every remoting connection; <see cref="FrameDecoder"/> reads it back. Stateless and thread-safe.
/// </summary>
public sealed class FrameCodec
{
    /// <summary>Bytes in the length prefix: 4.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>The default maximum payload size: 4 MiB (4,194,304 bytes).</summary>
    public const int DefaultMaxFrameSizeBytes = 4 * 1024 * 1024;

    /// <summary>The largest maximum frame size that may be configured: 1 GiB.</summary>
    public const int MaxConfigurableFrameSizeBytes = 1 << 30;

    /// <summary>The configuration key of the maximum frame size: <c>akc.remote.transport.maximum-frame-size</c>.</summary>
    public const string MaxFrameSizeKey = "akc.remote.transport.maximum-frame-size";

    /// <summary>Creates a codec.</summary>
    /// <param name="maxFrameSizeBytes">The largest payload, in bytes, excluding the 4-byte prefix. Default 4 MiB; 1 byte to 1 GiB.</param>
    /// <exception cref="ConfigurationException"><paramref name="maxFrameSizeBytes"/> is out of range; the message names the key.</exception>
    public FrameCodec(int maxFrameSizeBytes = DefaultMaxFrameSizeBytes)
    {
        ValidateMaxFrameSize(maxFrameSizeBytes);
        MaxFrameSizeBytes = maxFrameSizeBytes;
    }

    /// <summary>The largest payload in bytes, excluding the 4-byte prefix; a payload of exactly this size is allowed.</summary>
    public int MaxFrameSizeBytes { get; }

    /// <summary>Writes one frame, prefix then payload, into <paramref name="writer"/> and advances it.</summary>
    /// <param name="writer">The destination, e.g. a <see cref="System.IO.Pipelines.PipeWriter"/>; frames written before a flush go out in one batch.</param>
    /// <param name="payload">The payload; may be empty.</param>
    /// <exception cref="FrameTooLargeException">The payload is over <see cref="MaxFrameSizeBytes"/>; nothing was written.</exception>
    public void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePrefix(writer, payload.Length);
        writer.Write(payload);
    }

    /// <summary>Writes one frame whose payload is a (possibly multi-segment) sequence.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="payload">The payload; may be empty.</param>
    /// <exception cref="FrameTooLargeException">The payload is over <see cref="MaxFrameSizeBytes"/>; nothing was written.</exception>
    public void WriteFrame(IBufferWriter<byte> writer, in ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePrefix(writer, payload.Length);
        foreach (var segment in payload)
        {
            writer.Write(segment.Span);
        }
    }

    /// <summary>Creates a decoder with the same maximum frame size.</summary>
    public FrameDecoder CreateDecoder() => new(MaxFrameSizeBytes);

    internal static void ValidateMaxFrameSize(int maxFrameSizeBytes)
    {
        if (maxFrameSizeBytes is < 1 or > MaxConfigurableFrameSizeBytes)
        {
            throw new ConfigurationException(MaxFrameSizeKey, maxFrameSizeBytes.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {MaxConfigurableFrameSizeBytes} bytes");
        }
    }

    private void WritePrefix(IBufferWriter<byte> writer, long payloadLength)
    {
        if (payloadLength > MaxFrameSizeBytes)
        {
            throw new FrameTooLargeException(payloadLength, MaxFrameSizeBytes);
        }

        var prefix = writer.GetSpan(LengthPrefixBytes);
        BinaryPrimitives.WriteInt32BigEndian(prefix, (int)payloadLength);
        writer.Advance(LengthPrefixBytes);
    }
}
