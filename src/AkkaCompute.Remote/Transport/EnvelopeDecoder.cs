namespace AkkaCompute.Remote.Transport;

/// <summary>
/// The fields of a user-message frame, as slices of the received bytes (valid until the reader advances). Strings are
/// UTF-8 bytes; <see cref="WireStringCache"/> turns them into strings without allocating for the ones seen before.
/// </summary>
internal readonly ref struct EnvelopeView
{
    /// <summary>The recipient's serialized path (empty when the recipient field or its path is absent).</summary>
    public ReadOnlySpan<byte> RecipientPath { get; init; }

    /// <summary>True when the envelope has a sender field (possibly with an empty path).</summary>
    public bool HasSender { get; init; }

    /// <summary>The sender's serialized path.</summary>
    public ReadOnlySpan<byte> SenderPath { get; init; }

    /// <summary>The payload's serializer id (0 when absent).</summary>
    public int SerializerId { get; init; }

    /// <summary>The payload's manifest (empty when absent).</summary>
    public ReadOnlySpan<byte> Manifest { get; init; }

    /// <summary>The serialized message.</summary>
    public ReadOnlySpan<byte> Message { get; init; }
}

/// <summary>
/// Reads the common user-message frame (see <see cref="EnvelopeEncoder"/>) without building protobuf objects. It takes
/// only the plain layout: a <c>WireFrame</c> holding exactly one envelope whose fields (recipient, sender, payload) each
/// appear at most once with only their known fields. Anything else, including malformed bytes, returns false and the
/// caller parses the frame with the generated parser, which gives every other frame its exact protobuf meaning and
/// error. Pure, allocation-free, never throws.
/// </summary>
internal static class EnvelopeDecoder
{
    private static readonly byte EnvelopeTag = ProtoWire.Tag(1, ProtoWire.LengthDelimitedType);

    /// <summary>Reads <paramref name="frame"/> (a frame's payload, without the length prefix) as a plain user envelope.</summary>
    /// <returns>True with <paramref name="view"/> set; false when the frame is not in the plain layout.</returns>
    public static bool TryRead(ReadOnlySpan<byte> frame, out EnvelopeView view)
    {
        view = default;
        if (frame.IsEmpty || frame[0] != EnvelopeTag)
        {
            return false;
        }

        var pos = 1;
        if (!ProtoWire.TryReadLengthDelimited(frame, ref pos, out var envelope) || pos != frame.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> recipient = default, sender = default, payload = default;
        bool seenRecipient = false, seenSender = false, seenPayload = false;
        pos = 0;
        while (pos < envelope.Length)
        {
            var tag = envelope[pos++];
            ReadOnlySpan<byte> content;
            switch (tag)
            {
                case 0x0A when !seenRecipient && ProtoWire.TryReadLengthDelimited(envelope, ref pos, out content):
                    recipient = content;
                    seenRecipient = true;
                    break;
                case 0x12 when !seenSender && ProtoWire.TryReadLengthDelimited(envelope, ref pos, out content):
                    sender = content;
                    seenSender = true;
                    break;
                case 0x1A when !seenPayload && ProtoWire.TryReadLengthDelimited(envelope, ref pos, out content):
                    payload = content;
                    seenPayload = true;
                    break;
                default:
                    return false;
            }
        }

        if (!TryReadRef(recipient, out var recipientPath) || !TryReadRef(sender, out var senderPath)
            || !TryReadPayload(payload, out var serializerId, out var manifest, out var message))
        {
            return false;
        }

        view = new EnvelopeView
        {
            RecipientPath = recipientPath,
            HasSender = seenSender,
            SenderPath = senderPath,
            SerializerId = serializerId,
            Manifest = manifest,
            Message = message,
        };
        return true;
    }

    /// <summary>An <c>ActorRefData</c>: nothing, or one path field.</summary>
    private static bool TryReadRef(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> path)
    {
        path = default;
        if (data.IsEmpty)
        {
            return true;
        }

        var pos = 1;
        return data[0] == 0x0A && ProtoWire.TryReadLengthDelimited(data, ref pos, out path) && pos == data.Length;
    }

    /// <summary>A <c>Payload</c>: serializer id, manifest and message, each at most once, in any order.</summary>
    private static bool TryReadPayload(ReadOnlySpan<byte> data, out int serializerId, out ReadOnlySpan<byte> manifest, out ReadOnlySpan<byte> message)
    {
        serializerId = 0;
        manifest = default;
        message = default;
        bool seenId = false, seenManifest = false, seenMessage = false;
        var pos = 0;
        while (pos < data.Length)
        {
            var tag = data[pos++];
            switch (tag)
            {
                case 0x08 when !seenId && ProtoWire.TryReadVarint(data, ref pos, out var id):
                    serializerId = (int)id;
                    seenId = true;
                    break;
                case 0x12 when !seenManifest && ProtoWire.TryReadLengthDelimited(data, ref pos, out manifest):
                    seenManifest = true;
                    break;
                case 0x1A when !seenMessage && ProtoWire.TryReadLengthDelimited(data, ref pos, out message):
                    seenMessage = true;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
