using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

public sealed class ByteArraySerializerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    public void Bytes_go_on_the_wire_as_they_are(int length)
    {
        var registry = Harness.NewRegistry();
        var message = new byte[length];
        new Random(length).NextBytes(message);

        var (id, manifest, bytes) = Harness.Write(registry, message);

        Assert.Equal(SerializerIds.ByteArray, id);
        Assert.Equal(string.Empty, manifest);
        Assert.Equal(message, bytes);
        var back = Assert.IsType<byte[]>(registry.Deserialize(id, manifest, bytes));
        Assert.Equal(message, back);
        if (length > 0)
        {
            Assert.NotSame(bytes, back);
        }
    }

    [Fact]
    public void Non_empty_manifest_is_unknown()
    {
        var e = Harness.Fails(Harness.NewRegistry(), SerializerIds.ByteArray, "System.Byte[]", [1, 2]);

        Assert.Equal(SerializationFailureReason.UnknownManifest, e.Reason);
        Assert.Contains("empty manifest", e.Message, StringComparison.Ordinal);
    }
}
