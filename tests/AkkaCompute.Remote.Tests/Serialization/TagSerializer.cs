using System.Buffers;
using System.Text;
using AkkaCompute.Remote.Serialization;

namespace AkkaCompute.Remote.Tests.Serialization;

/// <summary>A user serializer for binding tests: writes the message's ToString() as UTF-8 and reads back a <see cref="Tagged"/>.</summary>
internal sealed class TagSerializer(int id) : Serializer
{
    public override int Identifier => id;

    public override string Manifest(object message) => "tag";

    public override void ToBinary(object message, IBufferWriter<byte> output) =>
        output.Write(Encoding.UTF8.GetBytes(message.ToString() ?? string.Empty));

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => new Tagged(id, Encoding.UTF8.GetString(bytes));
}
