using AkkaCompute.Remote.Serialization;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Remoting;

/// <summary>Builds raw envelopes for hand-driven peers, serialized by a node's own registry.</summary>
internal static class WireEnvelopes
{
    public static RemoteEnvelope Envelope(SerializationRegistry registry, string recipient, object message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        registry.Serialize(message, buffer, out var id, out var manifest);
        return new RemoteEnvelope
        {
            Recipient = new ActorRefData { Path = recipient },
            Message = new Payload { SerializerId = id, Manifest = manifest, Message = ByteString.CopyFrom(buffer.WrittenSpan) },
        };
    }
}
