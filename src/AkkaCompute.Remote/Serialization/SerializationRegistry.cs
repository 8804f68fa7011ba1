using System.Buffers;
using System.Collections.Concurrent;
using AkkaCompute.Actors;
using Google.Protobuf;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Finds the serializer for each message and (de)serializes with it, as Akka.NET's <c>Serialization</c>. The transport
/// calls it for every user message crossing the network and is thread-safe: registration and binding take a lock,
/// lookups are lock-free and cached per message type.
/// <para>
/// Built in: <see cref="JsonMessageSerializer"/> (id 1, the default for every unbound type),
/// <see cref="ProtobufSerializer"/> (id 2, bound to <see cref="IMessage"/>), <see cref="ByteArraySerializer"/> (id 4,
/// bound to <c>byte[]</c>) and <see cref="MiscMessageSerializer"/> (id 16, bound to its
/// <see cref="MiscMessageSerializer.HandledTypes"/>).
/// </para>
/// <para>
/// Binding precedence: among the bound types a message's type is assignable to (itself, base classes, interfaces), the
/// most specific wins (a binding whose type derives from another's beats it); no match means JSON. Equally specific
/// matches with different serializers (two unrelated interfaces) are an error, reported by
/// <see cref="FindSerializerFor"/>.
/// </para>
/// <para>
/// Nested payloads (e.g. the value in <see cref="Status.Success"/>) go through <see cref="Serialize"/> and
/// <see cref="Deserialize"/> recursively, at most <see cref="MaxNestingDepth"/> levels deep on one thread.
/// </para>
/// </summary>
public sealed class SerializationRegistry
{
    /// <summary>
    /// How many <see cref="Serialize"/> (or <see cref="Deserialize"/>) calls may be nested inside each other on one
    /// thread (16). A deeper payload fails with <see cref="SerializationFailedException"/> instead of exhausting the stack.
    /// </summary>
    public const int MaxNestingDepth = 16;

    [ThreadStatic]
    private static int t_depth;

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<int, Serializer> _serializers = new();
    private volatile SerializerBindings _bindings;

    /// <summary>Creates a registry with the built-in serializers registered and bound.</summary>
    /// <param name="resolver">Converts actor references inside messages; exposed as <see cref="Resolver"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resolver"/> is null.</exception>
    public SerializationRegistry(IActorRefResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        var json = new JsonMessageSerializer(resolver);
        _bindings = new SerializerBindings(json);
        Register(json);
        Register(new ProtobufSerializer());
        Register(new ByteArraySerializer());
        Register(new MiscMessageSerializer(this));
        Bind<byte[]>(SerializerIds.ByteArray);
        Bind<IMessage>(SerializerIds.Protobuf);
        foreach (var type in MiscMessageSerializer.HandledTypes)
        {
            Bind(type, SerializerIds.Misc);
        }
    }

    /// <summary>Converts actor references to and from their wire form; serializers use it for references inside messages.</summary>
    public IActorRefResolver Resolver { get; }

    /// <summary>Adds a serializer, so that payloads carrying its <see cref="Serializer.Identifier"/> can be read and types can be bound to it.</summary>
    /// <param name="serializer">The serializer; ids 0 to 99 are reserved for AkkaCompute (see <see cref="SerializerIds"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="serializer"/> is null.</exception>
    /// <exception cref="ArgumentException">Another serializer (named in the message) already has the same id.</exception>
    public void Register(Serializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        lock (_gate)
        {
            var id = serializer.Identifier;
            if (_serializers.TryGetValue(id, out var existing))
            {
                throw new ArgumentException(
                    $"Cannot register {serializer}: serializer id {id} is already used by {existing}.", nameof(serializer));
            }

            _serializers[id] = serializer;
        }
    }

    /// <summary>Binds messages of <paramref name="type"/> (and its subtypes, unless a more specific binding exists) to a serializer, replacing an earlier binding of the same type.</summary>
    /// <param name="type">A class, interface or base type.</param>
    /// <param name="serializerId">The <see cref="Serializer.Identifier"/> of a registered serializer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    /// <exception cref="ArgumentException">No serializer is registered with <paramref name="serializerId"/>.</exception>
    public void Bind(Type type, int serializerId)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            if (!_serializers.TryGetValue(serializerId, out var serializer))
            {
                throw new ArgumentException(
                    $"Cannot bind {type} to serializer id {serializerId}: no serializer is registered with that id (registered: {RegisteredIds()}).",
                    nameof(serializerId));
            }

            _bindings = _bindings.With(type, serializer);
        }
    }

    /// <summary>Binds messages of <typeparamref name="T"/> to a serializer; see <see cref="Bind(Type, int)"/>.</summary>
    /// <param name="serializerId">The <see cref="Serializer.Identifier"/> of a registered serializer.</param>
    /// <exception cref="ArgumentException">No serializer is registered with <paramref name="serializerId"/>.</exception>
    public void Bind<T>(int serializerId) => Bind(typeof(T), serializerId);

    /// <summary>The serializer for <paramref name="message"/>: the most specific binding of its type, else JSON. Cached per type.</summary>
    /// <param name="message">A non-null message.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Equally specific bindings with different serializers match the type (named in the message).</exception>
    public Serializer FindSerializerFor(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _bindings.Find(message.GetType());
    }

    /// <summary>Writes <paramref name="message"/> with its serializer and returns what the receiver needs to read it back.</summary>
    /// <param name="message">A non-null message.</param>
    /// <param name="output">Where the bytes are appended. After an exception it may hold a partial payload: discard it.</param>
    /// <param name="serializerId">The id of the serializer used.</param>
    /// <param name="manifest">The manifest to send beside the bytes.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The bindings for the message's type are ambiguous.</exception>
    /// <exception cref="SerializationFailedException">The serializer failed (reason <see cref="SerializationFailureReason.SerializeFailed"/>, the cause as inner exception), or nesting went deeper than <see cref="MaxNestingDepth"/>.</exception>
    public void Serialize(object message, IBufferWriter<byte> output, out int serializerId, out string manifest)
    {
        ArgumentNullException.ThrowIfNull(output);
        var serializer = FindSerializerFor(message);
        serializerId = serializer.Identifier;
        manifest = string.Empty;
        EnterNesting(serializerId, manifest, SerializationFailureReason.SerializeFailed);
        try
        {
            manifest = serializer.Manifest(message);
            serializer.ToBinary(message, output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.SerializeFailed,
                $"message of type {message.GetType()}: {e.Message}", e);
        }
        finally
        {
            t_depth--;
        }
    }

    /// <summary>Rebuilds a message from a payload received from the network.</summary>
    /// <param name="serializerId">The serializer id sent with the payload.</param>
    /// <param name="manifest">The manifest sent with the payload.</param>
    /// <param name="bytes">The payload.</param>
    /// <returns>The message; never null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    /// <exception cref="SerializationFailedException">
    /// The id is unknown, the manifest is unknown or refused, the bytes are malformed (the cause as inner exception),
    /// or nesting went deeper than <see cref="MaxNestingDepth"/>; <see cref="SerializationFailedException.Reason"/> says which.
    /// </exception>
    public object Deserialize(int serializerId, string manifest, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_serializers.TryGetValue(serializerId, out var serializer))
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.UnknownSerializerId,
                $"no serializer is registered with id {serializerId} (registered: {RegisteredIds()})");
        }

        EnterNesting(serializerId, manifest, SerializationFailureReason.InvalidPayload);
        try
        {
            return serializer.FromBinary(bytes, manifest)
                ?? throw new InvalidOperationException($"{serializer} returned null.");
        }
        catch (SerializationFailedException e) when (e.SerializerId == serializerId && e.Manifest == manifest)
        {
            throw; // already about this payload (unknown or refused manifest)
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.InvalidPayload, e.Message, e);
        }
        finally
        {
            t_depth--;
        }
    }

    private static void EnterNesting(int serializerId, string manifest, SerializationFailureReason reason)
    {
        if (t_depth >= MaxNestingDepth)
        {
            throw new SerializationFailedException(serializerId, manifest, reason,
                $"payloads nest deeper than {MaxNestingDepth} levels ({nameof(SerializationRegistry)}.{nameof(MaxNestingDepth)})");
        }

        t_depth++;
    }

    private string RegisteredIds() => string.Join(", ", _serializers.Keys.Order());
}
