using System.Text.Json;
using AkkaCompute.Compute.Caching;

namespace AkkaCompute.Compute.Tests.Caching;

public sealed class CacheShareBufferTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Large_outputs_stay_local_and_the_rest_drain_in_bounded_messages_oldest_first()
    {
        var buffer = new CacheShareBuffer();
        Assert.False(buffer.Add("big", Json("\"" + new string('x', CacheShareBuffer.MaxEntryBytes) + "\"")));
        Assert.Equal(1, buffer.TooLarge);
        for (var i = 0; i < 1_201; i++)
        {
            Assert.True(buffer.Add("k" + i, Json(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var messages = buffer.Drain();
        Assert.Equal([500, 500, 201], messages.Select(m => m.Entries.Count));
        Assert.Equal("k0", messages[0].Entries[0].Key);
        Assert.Equal("k1200", messages[2].Entries[^1].Key);
        Assert.Equal(0, buffer.Count);
        Assert.Empty(buffer.Drain());
    }

    [Fact]
    public void Messages_stay_near_one_mebibyte_and_the_oldest_are_dropped_past_the_bound()
    {
        var buffer = new CacheShareBuffer();
        var value = Json("\"" + new string('v', 10_000) + "\"");
        for (var i = 0; i < 300; i++)
        {
            buffer.Add("k" + i, value);
        }

        var messages = buffer.Drain();
        Assert.True(messages.Count >= 3);
        Assert.All(messages, m => Assert.True(m.Entries.Count * 10_000 <= CacheShareBuffer.MaxBytesPerMessage));
        Assert.Equal(300, messages.Sum(m => m.Entries.Count));

        for (var i = 0; i < CacheShareBuffer.MaxPending + 5; i++)
        {
            buffer.Add("d" + i, Json("1"));
        }

        Assert.Equal(CacheShareBuffer.MaxPending, buffer.Count);
        Assert.Equal(5, buffer.Dropped);
        Assert.Equal("d5", buffer.Drain()[0].Entries[0].Key);
    }
}
