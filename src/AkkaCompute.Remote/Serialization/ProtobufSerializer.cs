using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Serializer id <see cref="SerializerIds.Protobuf"/> (2) for Google.Protobuf generated messages (<see cref="IMessage"/>),
/// bound to every <see cref="IMessage"/> by default. The bytes are the message's standard protobuf encoding; the manifest
/// is the CLR type name (<c>Type.FullName + ", " + assembly simple name</c>). Parsing uses the generated type's static
/// <c>Parser</c> property, looked up once per type and cached. Manifests naming a type that is not an
/// <see cref="IMessage"/> with a public static <c>Parser</c> are refused.
/// </summary>
public sealed class ProtobufSerializer : Serializer
{
    private static readonly ConcurrentDictionary<Type, MessageParser?> Parsers = new();

    /// <inheritdoc />
    public override int Identifier => SerializerIds.Protobuf;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="message"/> is not an <see cref="IMessage"/>.</exception>
    public override string Manifest(object message) => TypeManifest.Of(AsMessage(message).GetType());

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="message"/> is not an <see cref="IMessage"/>.</exception>
    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        AsMessage(message).WriteTo(output);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid encoding (garbage or truncated).</exception>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var type = TypeManifest.Resolve(manifest, Identifier);

        // Only IMessage types reach the cache, so its size is bounded by the generated types in the process.
        var parser = typeof(IMessage).IsAssignableFrom(type) ? Parsers.GetOrAdd(type, static t => FindParser(t)) : null;
        if (parser is null)
        {
            throw new SerializationFailedException(Identifier, manifest, SerializationFailureReason.RefusedManifest,
                $"type '{type}' is not a Google.Protobuf IMessage with a public static Parser property");
        }

        return parser.ParseFrom(bytes);
    }

    private static IMessage AsMessage(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message as IMessage
            ?? throw new ArgumentException($"{nameof(ProtobufSerializer)} handles Google.Protobuf IMessage types only, not {message.GetType()}.", nameof(message));
    }

    private static MessageParser? FindParser(Type type) =>
        type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageParser;
}
