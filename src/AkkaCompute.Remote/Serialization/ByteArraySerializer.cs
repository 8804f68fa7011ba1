using System.Buffers;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Serializer id <see cref="SerializerIds.ByteArray"/> (4) for <c>byte[]</c> messages: the bytes go on the wire as they
/// are, with an empty manifest. Deserialization copies the payload into a new array; a non-empty manifest is refused.
/// </summary>
public sealed class ByteArraySerializer : Serializer
{
    /// <inheritdoc />
    public override int Identifier => SerializerIds.ByteArray;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="message"/> is not a <c>byte[]</c>.</exception>
    public override string Manifest(object message)
    {
        AsBytes(message);
        return string.Empty;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="message"/> is not a <c>byte[]</c>.</exception>
    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(AsBytes(message));
    }

    /// <inheritdoc />
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Length != 0)
        {
            throw new SerializationFailedException(Identifier, manifest, SerializationFailureReason.UnknownManifest,
                "the byte[] serializer writes an empty manifest");
        }

        return bytes.ToArray();
    }

    private static byte[] AsBytes(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message as byte[]
            ?? throw new ArgumentException($"{nameof(ByteArraySerializer)} handles byte[] only, not {message.GetType()}.", nameof(message));
    }
}
