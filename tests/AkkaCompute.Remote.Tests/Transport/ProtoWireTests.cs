using AkkaCompute.Remote.Transport;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Transport;

public sealed class ProtoWireTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(127UL)]
    [InlineData(128UL)]
    [InlineData(16_383UL)]
    [InlineData(16_384UL)]
    [InlineData(uint.MaxValue)]
    [InlineData(ulong.MaxValue)]
    public void Varints_match_protobuf_and_read_back(ulong value)
    {
        var expected = new byte[CodedOutputStream.ComputeUInt64Size(value)];
        new CodedOutputStream(expected).WriteUInt64(value);
        var written = new byte[ProtoWire.MaxVarintBytes];

        var end = ProtoWire.WriteVarint(written, 0, value);
        var pos = 0;

        Assert.Equal(expected, written[..end]);
        Assert.Equal(expected.Length, ProtoWire.VarintSize(value));
        Assert.True(ProtoWire.TryReadVarint(written, ref pos, out var read));
        Assert.Equal(value, read);
        Assert.Equal(end, pos);
    }

    [Fact]
    public void A_negative_int32_takes_ten_bytes_as_protobuf_writes_it()
    {
        Assert.Equal(CodedOutputStream.ComputeInt32Size(-1), ProtoWire.Int32Size(-1));
        Assert.Equal(10, ProtoWire.Int32Size(int.MinValue));
    }

    [Fact]
    public void Overlong_or_cut_varints_and_lengths_past_the_end_are_refused_without_moving()
    {
        byte[] overlong = [.. Enumerable.Repeat((byte)0x80, 10), 0x01];
        byte[] cut = [0x80, 0x80];
        byte[] pastEnd = [0x05, 1, 2, 3];
        var pos = 0;

        Assert.False(ProtoWire.TryReadVarint(overlong, ref pos, out _));
        Assert.False(ProtoWire.TryReadVarint(cut, ref pos, out _));
        Assert.False(ProtoWire.TryReadLengthDelimited(pastEnd, ref pos, out _));
        Assert.Equal(0, pos);
    }
}
