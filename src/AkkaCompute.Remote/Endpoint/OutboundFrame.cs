using System.Buffers;
using System.Buffers.Binary;
using AkkaCompute.Actors;
using Google.Protobuf;

namespace AkkaCompute.Remote.Endpoint;

/// <summary>What a queued user frame carried, kept so that a frame that is never sent can go to dead letters.</summary>
/// <param name="Message">The original message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="Recipient">Its recipient.</param>
internal sealed record UndeliveredMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>
/// One encoded frame (4-byte big-endian length prefix + protobuf <c>WireFrame</c>) in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>; whoever takes it from the queue returns the buffer.
/// </summary>
internal readonly struct OutboundFrame(byte[] buffer, int length, UndeliveredMessage? undelivered)
{
    public byte[] Buffer { get; } = buffer;

    /// <summary>Bytes used in <see cref="Buffer"/>, prefix included.</summary>
    public int Length { get; } = length;

    /// <summary>The user message behind the frame; null for control frames.</summary>
    public UndeliveredMessage? Undelivered { get; } = undelivered;

    public bool IsSystem => Undelivered is null;

    public static OutboundFrame Encode(IMessage frame, UndeliveredMessage? undelivered)
    {
        var size = frame.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(size + Transport.FrameCodec.LengthPrefixBytes);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)size);
        frame.WriteTo(buffer.AsSpan(Transport.FrameCodec.LengthPrefixBytes, size));
        return new OutboundFrame(buffer, size + Transport.FrameCodec.LengthPrefixBytes, undelivered);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
