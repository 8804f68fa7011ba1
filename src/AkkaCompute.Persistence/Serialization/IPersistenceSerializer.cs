namespace AkkaCompute.Persistence;

/// <summary>A payload serialized for storage, with the manifest that names its type.</summary>
/// <param name="Data">The serialized bytes.</param>
/// <param name="Manifest">The name the serializer resolves back to the payload's type on read.</param>
public readonly record struct SerializedPayload(byte[] Data, string Manifest);

/// <summary>
/// Turns event and snapshot payloads into bytes and back for the stores that persist to disk.
/// Implementations are thread-safe.
/// </summary>
public interface IPersistenceSerializer
{
    /// <summary>Serializes <paramref name="payload"/>.</summary>
    /// <exception cref="PersistenceSerializationException">The payload's type cannot be serialized.</exception>
    SerializedPayload Serialize(object payload);

    /// <summary>Deserializes bytes stored with <paramref name="manifest"/>.</summary>
    /// <exception cref="PersistenceSerializationException">The manifest names no known type, or the bytes do not match it.</exception>
    object Deserialize(ReadOnlySpan<byte> data, string manifest);
}
