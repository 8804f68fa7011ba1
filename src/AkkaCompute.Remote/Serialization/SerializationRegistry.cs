using System.Buffers;
using System.Text.Json;

namespace AkkaCompute.Remote.Serialization;

/// <summary>STUB.</summary>
public sealed class SerializationRegistry(IActorRefResolver resolver)
{
    /// <summary>Stub.</summary>
    public IActorRefResolver Resolver { get; } = resolver;

    /// <summary>Stub.</summary>
    public void Serialize(object message, IBufferWriter<byte> output, out int serializerId, out string manifest)
    {
        serializerId = 1;
        manifest = message.GetType().AssemblyQualifiedName!;
        using var w = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(w, message, message.GetType());
    }

    /// <summary>Stub.</summary>
    public object Deserialize(int serializerId, string manifest, ReadOnlySpan<byte> bytes)
    {
        var t = Type.GetType(manifest) ?? throw new SerializationFailedException("unknown manifest " + manifest);
        try
        {
            return JsonSerializer.Deserialize(bytes, t)!;
        }
        catch (JsonException e)
        {
            throw new SerializationFailedException("bad payload", e);
        }
    }
}
