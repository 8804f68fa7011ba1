using Akka.Actor;
using Akka.Serialization;

namespace AkkaCompute.Node.Tests;

/// <summary>The round trip every serializer test makes: the message through the serializer Akka binds to its type, and back.</summary>
public static class SerializationAssert
{
    /// <summary>Serializes <paramref name="message"/> with the serializer <paramref name="system"/> binds to it (asserted to be a <typeparamref name="TSerializer"/>) and reads it back.</summary>
    public static T RoundTrips<TSerializer, T>(ActorSystem system, T message)
        where TSerializer : Serializer
        where T : notnull
    {
        var serializer = system.Serialization.FindSerializerFor(message);
        Assert.IsType<TSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Assert.IsType<T>(system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest));
    }
}
