using System.Buffers;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>Helpers: a registry with the fake resolver, and a full Serialize/Deserialize trip through it.</summary>
internal static class Harness
{
    public static SerializationRegistry NewRegistry() => new(new FakeActorRefResolver());

    public static (int SerializerId, string Manifest, byte[] Bytes) Write(SerializationRegistry registry, object message)
    {
        var output = new ArrayBufferWriter<byte>();
        registry.Serialize(message, output, out var id, out var manifest);
        return (id, manifest, output.WrittenSpan.ToArray());
    }

    public static T RoundTrip<T>(SerializationRegistry registry, T message)
        where T : notnull
    {
        var (id, manifest, bytes) = Write(registry, message);
        return Assert.IsType<T>(registry.Deserialize(id, manifest, bytes), exactMatch: false);
    }

    public static T RoundTrip<T>(T message)
        where T : notnull => RoundTrip(NewRegistry(), message);

    public static SerializationFailedException Fails(SerializationRegistry registry, int serializerId, string manifest, byte[] bytes) =>
        Assert.Throws<SerializationFailedException>(() => registry.Deserialize(serializerId, manifest, bytes));
}
