using System.Buffers;
using AkkaCompute.Actors;
using AkkaCompute.Remote.Serialization.Proto;
using Google.Protobuf;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Serializer id <see cref="SerializerIds.Misc"/> (16) for the runtime's own messages, bound to them by default:
/// <see cref="Identify"/> (manifest <c>ID</c>), <see cref="ActorIdentity"/> (<c>AID</c>), <see cref="PoisonPill"/>
/// (<c>PP</c>), <see cref="Kill"/> (<c>K</c>), <see cref="Status.Success"/> (<c>S</c>) and <see cref="Status.Failure"/>
/// (<c>F</c>). The bytes are the protobuf messages of <c>Serialization/Protos/misc.proto</c>; PoisonPill and Kill are
/// empty. Nested values (the message id, the success status) go through <see cref="SerializationRegistry.Serialize"/>
/// and may be null; actor references go through <see cref="SerializationRegistry.Resolver"/>. The cause of a
/// <see cref="Status.Failure"/> crosses as text and arrives as a <see cref="RemoteException"/> (a RemoteException is
/// passed on with its original type name and stack trace).
/// </summary>
public sealed class MiscMessageSerializer : Serializer
{
    /// <summary>A failure's stack trace text is cut to this many chars (16,384) before it is sent.</summary>
    public const int MaxStackTraceChars = 16_384;

    /// <summary>A failure's message is cut to this many chars (4,096) before it is sent.</summary>
    public const int MaxExceptionMessageChars = 4_096;

    private const string IdentifyManifest = "ID";
    private const string ActorIdentityManifest = "AID";
    private const string PoisonPillManifest = "PP";
    private const string KillManifest = "K";
    private const string SuccessManifest = "S";
    private const string FailureManifest = "F";

    private readonly SerializationRegistry _registry;

    /// <summary>Creates the serializer.</summary>
    /// <param name="registry">Serializes nested values and supplies the actor-reference resolver.</param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is null.</exception>
    public MiscMessageSerializer(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>The message types this serializer handles, which the registry binds to it by default.</summary>
    public static IReadOnlyList<Type> HandledTypes { get; } =
        [typeof(Identify), typeof(ActorIdentity), typeof(PoisonPill), typeof(Kill), typeof(Status.Success), typeof(Status.Failure)];

    /// <inheritdoc />
    public override int Identifier => SerializerIds.Misc;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The message is not one of <see cref="HandledTypes"/>.</exception>
    public override string Manifest(object message) => message switch
    {
        Identify => IdentifyManifest,
        ActorIdentity => ActorIdentityManifest,
        PoisonPill => PoisonPillManifest,
        Kill => KillManifest,
        Status.Success => SuccessManifest,
        Status.Failure => FailureManifest,
        _ => throw NotHandled(message),
    };

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The message is not one of <see cref="HandledTypes"/>.</exception>
    /// <exception cref="SerializationFailedException">A nested value could not be serialized.</exception>
    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (message)
        {
            case Identify identify:
                new IdentifyData { MessageId = Nest(identify.MessageId) }.WriteTo(output);
                break;
            case ActorIdentity identity:
                new ActorIdentityData
                {
                    MessageId = Nest(identity.MessageId),
                    Subject = identity.Subject is null ? string.Empty : _registry.Resolver.ToSerializationFormat(identity.Subject),
                }.WriteTo(output);
                break;
            case PoisonPill or Kill:
                break;
            case Status.Success success:
                new StatusSuccessData { Status = Nest(success.Status) }.WriteTo(output);
                break;
            case Status.Failure failure:
                ToData(failure.Cause).WriteTo(output);
                break;
            default:
                throw NotHandled(message);
        }
    }

    /// <inheritdoc />
    /// <exception cref="SerializationFailedException">The manifest is not one of this serializer's.</exception>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid encoding.</exception>
    /// <exception cref="FormatException">A PoisonPill or Kill payload is not empty, or an actor path is malformed.</exception>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        switch (manifest)
        {
            case IdentifyManifest:
                return new Identify(Unnest(IdentifyData.Parser.ParseFrom(bytes).MessageId));
            case ActorIdentityManifest:
                var identity = ActorIdentityData.Parser.ParseFrom(bytes);
                var subject = identity.Subject.Length == 0 ? null : _registry.Resolver.ResolveActorRef(identity.Subject);
                return new ActorIdentity(Unnest(identity.MessageId), subject);
            case PoisonPillManifest:
                ExpectEmpty(bytes, nameof(PoisonPill));
                return PoisonPill.Instance;
            case KillManifest:
                ExpectEmpty(bytes, nameof(Kill));
                return Kill.Instance;
            case SuccessManifest:
                return new Status.Success(Unnest(StatusSuccessData.Parser.ParseFrom(bytes).Status));
            case FailureManifest:
                var data = StatusFailureData.Parser.ParseFrom(bytes);
                return new Status.Failure(new RemoteException(data.TypeName, data.Message, data.StackTrace));
            default:
                throw new SerializationFailedException(Identifier, manifest, SerializationFailureReason.UnknownManifest,
                    $"the misc serializer knows {IdentifyManifest}, {ActorIdentityManifest}, {PoisonPillManifest}, {KillManifest}, {SuccessManifest} and {FailureManifest}");
        }
    }

    private NestedPayload? Nest(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        _registry.Serialize(value, buffer, out var serializerId, out var manifest);
        return new NestedPayload
        {
            SerializerId = serializerId,
            Manifest = manifest,
            Message = UnsafeByteOperations.UnsafeWrap(buffer.WrittenMemory),
        };
    }

    private object? Unnest(NestedPayload? payload) =>
        payload is null ? null : _registry.Deserialize(payload.SerializerId, payload.Manifest, payload.Message.Span);

    private static StatusFailureData ToData(Exception? cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var (typeName, stackTrace) = cause is RemoteException remote
            ? (remote.OriginalTypeName, remote.OriginalStackTrace)
            : (cause.GetType().FullName ?? cause.GetType().Name, cause.StackTrace ?? string.Empty);
        return new StatusFailureData
        {
            TypeName = typeName,
            Message = Cut(cause.Message, MaxExceptionMessageChars),
            StackTrace = Cut(stackTrace, MaxStackTraceChars),
        };
    }

    private static string Cut(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];

    private static void ExpectEmpty(ReadOnlySpan<byte> bytes, string what)
    {
        if (!bytes.IsEmpty)
        {
            throw new FormatException($"A {what} payload is empty, got {bytes.Length} bytes.");
        }
    }

    private static ArgumentException NotHandled(object? message) =>
        new($"{nameof(MiscMessageSerializer)} does not handle {message?.GetType().ToString() ?? "null"}.", nameof(message));
}
