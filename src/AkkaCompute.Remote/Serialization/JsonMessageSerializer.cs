using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaCompute.Actors;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// The default serializer (id <see cref="SerializerIds.Json"/> = 1): System.Text.Json (UTF-8) for user records, classes,
/// primitives and collections. The manifest is <c>Type.FullName + ", " + assembly simple name</c>, e.g.
/// <c>MyApp.Messages.Ping, MyApp.Messages</c>, cached both ways. Records with positional constructors round-trip; every
/// <see cref="IActorRef"/> in a message is written as its path (through <see cref="IActorRefResolver"/>) and null
/// references stay null. Named floating-point literals (<c>NaN</c>, <c>Infinity</c>) are allowed; a value typed as
/// <see cref="object"/> comes back as a <see cref="JsonElement"/> (use concrete types in messages). Strings holding
/// invalid UTF-16 (a lone surrogate) arrive with U+FFFD in its place.
/// Deserialization refuses manifests naming types that are unsafe to materialize from the wire (delegates, reflection
/// types, System.IO / Diagnostics / Reflection / Runtime / Security, abstract types, interfaces). JSON nesting is
/// limited to <see cref="MaxDepth"/> levels; deeper input throws.
/// </summary>
public sealed class JsonMessageSerializer : Serializer
{
    /// <summary>The maximum JSON nesting depth read or written (64, System.Text.Json's default); deeper payloads fail.</summary>
    public const int MaxDepth = 64;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer.</summary>
    /// <param name="resolver">Converts the actor references inside messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resolver"/> is null.</exception>
    public JsonMessageSerializer(IActorRefResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            MaxDepth = MaxDepth,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new ActorRefJsonConverterFactory(resolver) },
        };
        _options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <inheritdoc />
    public override int Identifier => SerializerIds.Json;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public override string Manifest(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TypeManifest.Of(message.GetType());
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">System.Text.Json cannot serialize the message's type.</exception>
    /// <exception cref="JsonException">The message nests deeper than <see cref="MaxDepth"/> or holds a reference cycle.</exception>
    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);

        // One writer per thread, taken out of the slot while in use so that a re-entrant call gets its own.
        var writer = t_writer;
        t_writer = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output);
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            JsonSerializer.Serialize(writer, message, message.GetType(), _options);
            writer.Flush();
        }
        finally
        {
            writer.Reset(DetachedBufferWriter.Instance); // drop the reference to the caller's buffer
            t_writer = writer;
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    /// <exception cref="JsonException">The bytes are not valid JSON for the type, or decode to null.</exception>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var type = TypeManifest.Resolve(manifest, Identifier);
        return JsonSerializer.Deserialize(bytes, type, _options)
            ?? throw new JsonException("The payload is JSON null; a message is never null.");
    }
}
