using System.Buffers;
using System.Buffers.Binary;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Reads length-prefixed frames (see <see cref="FrameCodec"/>) incrementally from the bytes received so far, e.g. a
/// <see cref="System.IO.Pipelines.PipeReader"/>'s buffer. Pure: it keeps no state between calls, allocates nothing, and
/// checks a declared length against the limit as soon as the 4 prefix bytes are there, before waiting for or buffering
/// the payload, so a hostile 2 GB length prefix costs nothing. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var result = await reader.ReadAsync(ct);
/// var buffer = result.Buffer;
/// while (decoder.TryReadFrame(ref buffer, out var payload)) Handle(payload);
/// reader.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// </example>
public sealed class FrameDecoder
{
    /// <summary>Creates a decoder.</summary>
    /// <param name="maxFrameSizeBytes">The largest payload accepted, in bytes, excluding the prefix. Default 4 MiB; 1 byte to 1 GiB.</param>
    /// <exception cref="AkkaCompute.Actors.ConfigurationException"><paramref name="maxFrameSizeBytes"/> is out of range.</exception>
    public FrameDecoder(int maxFrameSizeBytes = FrameCodec.DefaultMaxFrameSizeBytes)
    {
        FrameCodec.ValidateMaxFrameSize(maxFrameSizeBytes);
        MaxFrameSizeBytes = maxFrameSizeBytes;
    }

    /// <summary>The largest payload accepted in bytes, excluding the 4-byte prefix; exactly this size is accepted.</summary>
    public int MaxFrameSizeBytes { get; }

    /// <summary>
    /// Takes the next complete frame off the front of <paramref name="buffer"/>, if there is one.
    /// </summary>
    /// <param name="buffer">
    /// The unread bytes. On success it is advanced past the frame; on <c>false</c> it is unchanged (the frame is incomplete:
    /// read more and call again).
    /// </param>
    /// <param name="payload">The frame's payload, a slice of <paramref name="buffer"/> (valid until the reader is advanced); empty on <c>false</c>.</param>
    /// <returns>True when a whole frame was read.</returns>
    /// <exception cref="FrameDecodingException">The length prefix declares more than <see cref="MaxFrameSizeBytes"/> (or a negative length); close the connection.</exception>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < FrameCodec.LengthPrefixBytes)
        {
            return false;
        }

        uint declared;
        var first = buffer.FirstSpan;
        if (first.Length >= FrameCodec.LengthPrefixBytes)
        {
            declared = BinaryPrimitives.ReadUInt32BigEndian(first);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[FrameCodec.LengthPrefixBytes];
            buffer.Slice(0, FrameCodec.LengthPrefixBytes).CopyTo(prefix);
            declared = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        }

        if (declared > (uint)MaxFrameSizeBytes)
        {
            throw new FrameDecodingException(declared, MaxFrameSizeBytes);
        }

        if (buffer.Length - FrameCodec.LengthPrefixBytes < declared)
        {
            return false;
        }

        payload = buffer.Slice(FrameCodec.LengthPrefixBytes, declared);
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
