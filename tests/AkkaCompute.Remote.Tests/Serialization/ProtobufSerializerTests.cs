using AkkaCompute.Remote.Serialization;
using AkkaCompute.Remote.Wire;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Serialization;

public sealed class ProtobufSerializerTests
{
    private const string HeartbeatManifest = "AkkaCompute.Remote.Wire.Heartbeat, AkkaCompute.Remote";

    [Fact]
    public void Generated_message_round_trips_with_the_protobuf_serializer()
    {
        var registry = Harness.NewRegistry();
        var heartbeat = new Heartbeat { Uid = 123_456_789_012 };

        var (id, manifest, bytes) = Harness.Write(registry, heartbeat);

        Assert.Equal(SerializerIds.Protobuf, id);
        Assert.Equal(HeartbeatManifest, manifest);
        Assert.Equal(heartbeat.ToByteArray(), bytes);
        Assert.Equal(heartbeat, registry.Deserialize(id, manifest, bytes));
    }

    [Fact]
    public void Message_with_nested_messages_and_repeated_fields_round_trips()
    {
        var frame = new WireFrame
        {
            Envelope = new RemoteEnvelope
            {
                Recipient = new ActorRefData { Path = "akc.tcp://sys@127.0.0.1:2552/user/a#1" },
                Message = new Payload { SerializerId = 1, Manifest = "m", Message = ByteString.CopyFromUtf8("{}") },
                Selection = { "b", "*" },
            },
        };

        Assert.Equal(frame, Harness.RoundTrip(frame));
    }

    [Fact]
    public void Default_message_is_zero_bytes_and_round_trips()
    {
        var registry = Harness.NewRegistry();
        var (id, manifest, bytes) = Harness.Write(registry, new Heartbeat());
        Assert.Empty(bytes);
        Assert.Equal(new Heartbeat(), registry.Deserialize(id, manifest, bytes));
    }

    [Fact]
    public void Garbage_bytes_fail_with_the_protobuf_error()
    {
        // Tag 0x0F: field 1 with wire type 7, which does not exist.
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Protobuf, HeartbeatManifest, [0x0F, 0xFF, 0xFF, 0x01]);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.StartsWith($"Cannot deserialize a payload with serializer id 2 and manifest '{HeartbeatManifest}': payload failed to deserialize: ", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidProtocolBufferException>(e.InnerException);
    }

    [Fact]
    public void Truncated_bytes_fail()
    {
        var bytes = new Heartbeat { Uid = long.MaxValue }.ToByteArray();

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Protobuf, HeartbeatManifest, bytes[..^1]);

        Assert.Equal(SerializationFailureReason.InvalidPayload, e.Reason);
        Assert.Contains("ended unexpectedly", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_naming_a_type_that_is_not_a_protobuf_message_is_refused()
    {
        var manifest = "AkkaCompute.Remote.Tests.Serialization.Ping, AkkaCompute.Remote.Tests";

        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Protobuf, manifest, []);

        Assert.Equal(SerializationFailureReason.RefusedManifest, e.Reason);
        Assert.Contains("not a Google.Protobuf IMessage", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_manifest_is_refused_by_the_protobuf_serializer_too()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.Protobuf, "System.IO.FileInfo, System.Runtime", []);
        Assert.Equal(SerializationFailureReason.RefusedManifest, e.Reason);
    }

    [Fact]
    public void Non_message_is_rejected_when_serialized_directly()
    {
        var serializer = new ProtobufSerializer();
        Assert.Throws<ArgumentException>(() => serializer.Manifest("not a message"));
    }
}
