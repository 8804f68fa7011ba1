using System.Buffers;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// Turns messages into bytes and back, as Akka.NET's <c>Serializer</c>. A serializer is known on the wire by its
/// <see cref="Identifier"/>; beside the bytes it stores a <see cref="Manifest"/> (a type hint) that
/// <see cref="FromBinary"/> needs to rebuild the message. Serializers are registered with
/// <see cref="SerializationRegistry.Register"/> and are called concurrently from many threads: implementations must be
/// thread-safe and should not allocate more than the payload needs.
/// </summary>
public abstract class Serializer
{
    /// <summary>
    /// The stable id written on the wire next to every payload this serializer produced. Ids 0 to 99 are reserved for
    /// AkkaCompute (see <see cref="SerializerIds"/>); user serializers take 100 and above. Must never change once
    /// messages have been exchanged with it.
    /// </summary>
    public abstract int Identifier { get; }

    /// <summary>
    /// The type hint stored beside the bytes of <paramref name="message"/>, e.g. a type name. May be empty when the
    /// serializer handles a single type.
    /// </summary>
    /// <param name="message">A non-null message this serializer handles.</param>
    /// <returns>The manifest; never null.</returns>
    /// <exception cref="ArgumentException">The serializer does not handle the message's type.</exception>
    public abstract string Manifest(object message);

    /// <summary>Writes <paramref name="message"/> to <paramref name="output"/> (appending; nothing else is written).</summary>
    /// <param name="message">A non-null message this serializer handles.</param>
    /// <param name="output">Where the bytes go. On an exception it may hold a partial payload, which must be discarded.</param>
    /// <exception cref="ArgumentException">The serializer does not handle the message's type.</exception>
    public abstract void ToBinary(object message, IBufferWriter<byte> output);

    /// <summary>Rebuilds a message from the bytes and manifest that <see cref="ToBinary"/> and <see cref="Manifest"/> produced.</summary>
    /// <param name="bytes">The payload, exactly as written (no framing around it).</param>
    /// <param name="manifest">The manifest stored beside the bytes; never null.</param>
    /// <returns>The message; never null.</returns>
    /// <exception cref="SerializationFailedException">The manifest names no type this serializer accepts (unknown or refused).</exception>
    /// <exception cref="Exception">Any other exception means the bytes are malformed; <see cref="SerializationRegistry.Deserialize"/> wraps it in a <see cref="SerializationFailedException"/>.</exception>
    public abstract object FromBinary(ReadOnlySpan<byte> bytes, string manifest);

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} (id {Identifier})";
}
