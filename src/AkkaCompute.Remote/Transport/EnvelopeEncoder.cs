using System.Buffers.Binary;
using System.Text;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Writes a user-message frame (4-byte big-endian length prefix + <c>WireFrame { envelope = RemoteEnvelope { recipient,
/// sender, message = Payload } }</c> of <c>Protos/wire.proto</c>) straight from strings and payload bytes, byte for byte
/// as the generated protobuf code writes it, without building the message objects (the remoting hot path). Pure.
/// </summary>
internal static class EnvelopeEncoder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The parts of one envelope, and the sizes of its nested fields (computed once by <see cref="Measure"/>).</summary>
    /// <param name="RecipientPath">The recipient's serialized path (empty: an empty ActorRefData).</param>
    /// <param name="SenderPath">The sender's serialized path; null: no sender field.</param>
    /// <param name="SerializerId">The payload's serializer id (0 is not written, as proto3 does).</param>
    /// <param name="Manifest">The payload's manifest (empty is not written).</param>
    internal readonly record struct Parts(string RecipientPath, string? SenderPath, int SerializerId, string Manifest);

    /// <summary>Byte counts of the frame's pieces: UTF-8 strings, the nested messages and the whole frame with its prefix.</summary>
    internal readonly record struct Layout(int RecipientPathBytes, int SenderPathBytes, int ManifestBytes, int MessageBytes, int RecipientBytes, int SenderBytes, int PayloadBytes, int EnvelopeBytes, int FrameBytes)
    {
        /// <summary>Bytes of the whole frame including the 4-byte length prefix.</summary>
        public int TotalBytes => FrameCodec.LengthPrefixBytes + FrameBytes;
    }

    /// <summary>Measures the frame for <paramref name="parts"/> with a payload of <paramref name="messageBytes"/> bytes.</summary>
    public static Layout Measure(in Parts parts, int messageBytes)
    {
        var recipientPathBytes = Utf8.GetByteCount(parts.RecipientPath);
        var senderPathBytes = parts.SenderPath is null ? 0 : Utf8.GetByteCount(parts.SenderPath);
        var manifestBytes = Utf8.GetByteCount(parts.Manifest);
        var recipient = StringFieldSize(recipientPathBytes);
        var sender = StringFieldSize(senderPathBytes);
        var payload = (parts.SerializerId == 0 ? 0 : 1 + ProtoWire.Int32Size(parts.SerializerId))
            + StringFieldSize(manifestBytes)
            + StringFieldSize(messageBytes);
        var envelope = ProtoWire.LengthDelimitedSize(recipient)
            + (parts.SenderPath is null ? 0 : ProtoWire.LengthDelimitedSize(sender))
            + ProtoWire.LengthDelimitedSize(payload);
        var frame = ProtoWire.LengthDelimitedSize(envelope);
        return new Layout(recipientPathBytes, senderPathBytes, manifestBytes, messageBytes, recipient, sender, payload, envelope, frame);
    }

    /// <summary>Writes the frame measured as <paramref name="layout"/> at the start of <paramref name="destination"/>.</summary>
    /// <returns>Bytes written: <see cref="Layout.TotalBytes"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Layout.TotalBytes"/>, or <paramref name="message"/> is not the measured length.</exception>
    public static int Write(Span<byte> destination, in Parts parts, in Layout layout, ReadOnlySpan<byte> message)
    {
        if (destination.Length < layout.TotalBytes || message.Length != layout.MessageBytes)
        {
            throw new ArgumentException($"the frame needs {layout.TotalBytes} bytes with a {layout.MessageBytes}-byte payload; got {destination.Length} and {message.Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)layout.FrameBytes);
        var pos = FrameCodec.LengthPrefixBytes;
        pos = Header(destination, pos, 1, layout.EnvelopeBytes);

        pos = Header(destination, pos, 1, layout.RecipientBytes);
        pos = StringField(destination, pos, 1, parts.RecipientPath, layout.RecipientPathBytes);
        if (parts.SenderPath is not null)
        {
            pos = Header(destination, pos, 2, layout.SenderBytes);
            pos = StringField(destination, pos, 1, parts.SenderPath, layout.SenderPathBytes);
        }

        pos = Header(destination, pos, 3, layout.PayloadBytes);
        if (parts.SerializerId != 0)
        {
            destination[pos++] = ProtoWire.Tag(1, ProtoWire.VarintType);
            pos = ProtoWire.WriteVarint(destination, pos, (ulong)(long)parts.SerializerId);
        }

        pos = StringField(destination, pos, 2, parts.Manifest, layout.ManifestBytes);
        if (message.Length > 0)
        {
            pos = Header(destination, pos, 3, message.Length);
            message.CopyTo(destination[pos..]);
            pos += message.Length;
        }

        return pos;
    }

    private static int StringFieldSize(int contentBytes) => contentBytes == 0 ? 0 : ProtoWire.LengthDelimitedSize(contentBytes);

    private static int Header(Span<byte> destination, int pos, int field, int length)
    {
        destination[pos++] = ProtoWire.Tag(field, ProtoWire.LengthDelimitedType);
        return ProtoWire.WriteVarint(destination, pos, (ulong)length);
    }

    private static int StringField(Span<byte> destination, int pos, int field, string value, int utf8Bytes)
    {
        if (utf8Bytes == 0)
        {
            return pos;
        }

        pos = Header(destination, pos, field, utf8Bytes);
        return pos + Utf8.GetBytes(value, destination[pos..]);
    }
}
