using System.Buffers;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>A broken user serializer whose FromBinary returns null.</summary>
internal sealed class NullSerializer : Serializer
{
    public const int Id = 199;

    public override int Identifier => Id;

    public override string Manifest(object message) => "m";

    public override void ToBinary(object message, IBufferWriter<byte> output)
    {
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => null!;
}
