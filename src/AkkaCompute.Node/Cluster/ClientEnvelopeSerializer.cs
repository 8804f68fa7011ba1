using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// Serializes <see cref="ClientRequest"/> (manifest <c>akc.client-request.v1</c>) and <see cref="ClientReply"/>
/// (<c>akc.client-reply.v1</c>): the envelope in a few fixed fields, the message inside with the serializer Akka has bound to
/// its type (ours, never the Newtonsoft default), as Akka's own container serializers do. Little-endian layout:
/// request = id (int64), target (byte), timeout (int64 ticks), payload; reply = id (int64), payload; payload = serializer id
/// (int32), manifest (length-prefixed UTF-8), bytes (int32 length, then the bytes).
/// </summary>
public sealed class ClientEnvelopeSerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's id in <c>akka.actor.serialization-identifiers</c>: 4704.</summary>
    public const int Id = 4704;

    private const string RequestManifest = "akc.client-request.v1";
    private const string ReplyManifest = "akc.client-reply.v1";

    /// <summary>Created by Akka's serialization extension.</summary>
    /// <param name="system">The actor system, whose serializers write the messages inside the envelopes.</param>
    public ClientEnvelopeSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="ClientRequest"/> or <see cref="ClientReply"/>.</exception>
    public override byte[] ToBinary(object obj)
    {
        // A request's header is its id, target and timeout; a reply's, its id.
        var (id, target, timeoutTicks, message) = obj switch
        {
            ClientRequest request => (request.Id, (byte?)request.Target, request.Timeout.Ticks, request.Message),
            ClientReply reply => (reply.Id, (byte?)null, 0L, reply.Reply),
            _ => throw new ArgumentException($"{nameof(ClientEnvelopeSerializer)} cannot serialize {obj.GetType()}", nameof(obj)),
        };

        // The message is serialized once and copied once, into an array of the envelope's exact size.
        var serializer = system.Serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var payload = serializer.ToBinary(message);
        var manifestBytes = Encoding.UTF8.GetByteCount(manifest);
        var headerBytes = sizeof(long) + (target is null ? 0 : sizeof(byte) + sizeof(long));
        var buffer = new byte[headerBytes + sizeof(int) + SevenBitLength(manifestBytes) + manifestBytes + sizeof(int) + payload.Length];
        using var writer = new BinaryWriter(new MemoryStream(buffer), Encoding.UTF8);
        writer.Write(id);
        if (target is { } t)
        {
            writer.Write(t);
            writer.Write(timeoutTicks);
        }

        writer.Write(serializer.Identifier);
        writer.Write(manifest);
        writer.Write(payload.Length);
        writer.Write(payload);
        return buffer;
    }

    /// <inheritdoc />
    /// <exception cref="SerializationException">Unknown manifest, or bytes that are not an envelope of that kind (or hold a message that cannot be read).</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest is not (RequestManifest or ReplyManifest))
        {
            throw new SerializationException($"client envelope with unknown manifest '{manifest}'");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var id = reader.ReadInt64();
            if (manifest == ReplyManifest)
            {
                return new ClientReply(id, ReadPayload(reader));
            }

            var target = reader.ReadByte();
            if (!Enum.IsDefined(typeof(ClientTarget), (int)target))
            {
                throw new SerializationException($"client envelope '{manifest}' names an unknown target {target}");
            }

            var timeout = TimeSpan.FromTicks(reader.ReadInt64());
            return new ClientRequest(id, (ClientTarget)target, ReadPayload(reader), timeout);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw new SerializationException($"client envelope '{manifest}' is truncated or malformed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="o"/> is not a <see cref="ClientRequest"/> or <see cref="ClientReply"/>.</exception>
    public override string Manifest(object o) => o switch
    {
        ClientRequest => RequestManifest,
        ClientReply => ReplyManifest,
        _ => throw new ArgumentException($"{nameof(ClientEnvelopeSerializer)} has no manifest for {o.GetType()}", nameof(o)),
    };

    /// <summary>The bytes <see cref="BinaryWriter.Write(string)"/> spends on a string's length: 7 bits a byte.</summary>
    private static int SevenBitLength(int value)
    {
        var bytes = 1;
        while ((value >>= 7) != 0)
        {
            bytes++;
        }

        return bytes;
    }

    private object ReadPayload(BinaryReader reader)
    {
        var serializerId = reader.ReadInt32();
        var manifest = reader.ReadString();
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new EndOfStreamException($"its message '{manifest}' claims {length} bytes, more than the envelope holds");
        }

        return system.Serialization.Deserialize(reader.ReadBytes(length), serializerId, manifest);
    }
}
