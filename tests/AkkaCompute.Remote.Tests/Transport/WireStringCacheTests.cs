using System.Text;
using AkkaCompute.Remote.Transport;
using Google.Protobuf;

namespace AkkaCompute.Remote.Tests.Transport;

public sealed class WireStringCacheTests
{
    [Fact]
    public void The_same_bytes_give_the_same_string_object()
    {
        var cache = new WireStringCache();
        var bytes = Encoding.UTF8.GetBytes("akc.tcp://sys@127.0.0.1:2552/user/a#1");

        var first = cache.Get(bytes);
        var second = cache.Get(bytes.AsSpan());

        Assert.Equal("akc.tcp://sys@127.0.0.1:2552/user/a#1", first);
        Assert.Same(first, second);
        Assert.Same(string.Empty, cache.Get([]));
    }

    [Fact]
    public void Invalid_utf8_decodes_as_the_protobuf_parser_decodes_it()
    {
        var cache = new WireStringCache();
        byte[] bytes = [0x61, 0xFF, 0xC3, 0x28, 0xF0, 0x9F, 0x98, 0x80, 0xE2, 0x82];

        Assert.Equal(ByteString.CopyFrom(bytes).ToStringUtf8(), cache.Get(bytes));
    }

    [Fact]
    public void It_stays_within_its_capacity_and_does_not_keep_long_strings()
    {
        var cache = new WireStringCache(capacity: 100, maxChars: 16);
        for (var i = 0; i < 1_000; i++)
        {
            cache.Get(Encoding.UTF8.GetBytes($"path-{i}"));
            Assert.True(cache.Count <= 100, $"{cache.Count} strings kept");
        }

        var longBytes = Encoding.UTF8.GetBytes(new string('x', 17));
        var a = cache.Get(longBytes);
        var b = cache.Get(longBytes);
        Assert.Equal(new string('x', 17), a);
        Assert.NotSame(a, b);
    }
}
