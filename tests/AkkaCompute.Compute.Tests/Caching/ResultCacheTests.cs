using System.Text.Json;
using AkkaCompute.Compute.Caching;

namespace AkkaCompute.Compute.Tests.Caching;

public class ResultCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static JsonElement J(int v) => JsonDocument.Parse(v.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;

    [Fact]
    public void Hit_miss_and_stats()
    {
        var c = new ResultCache(10, TimeSpan.FromMinutes(1));
        Assert.False(c.TryGet("k", T0, out _));
        c.Put("k", J(1), T0);
        Assert.True(c.TryGet("k", T0, out var v));
        Assert.Equal(1, v.GetInt32());
        Assert.Equal(new CacheStats(1, 1, 0, 0, 1), c.Stats);
        Assert.Equal(0.5, c.Stats.HitRate);
    }

    [Fact]
    public void Entries_expire_after_ttl()
    {
        var c = new ResultCache(10, TimeSpan.FromSeconds(5));
        c.Put("k", J(1), T0);
        Assert.True(c.TryGet("k", T0 + TimeSpan.FromSeconds(4), out _));
        Assert.False(c.TryGet("k", T0 + TimeSpan.FromSeconds(5), out _));
        Assert.Equal(1, c.Stats.Expirations);
        Assert.Equal(0, c.Stats.Count);
    }

    [Fact]
    public void Evicts_least_recently_used_not_least_recently_inserted()
    {
        var c = new ResultCache(2, TimeSpan.FromMinutes(1));
        c.Put("a", J(1), T0);
        c.Put("b", J(2), T0);
        Assert.True(c.TryGet("a", T0, out _));
        c.Put("c", J(3), T0);
        Assert.True(c.TryGet("a", T0, out _));
        Assert.False(c.TryGet("b", T0, out _));
        Assert.True(c.TryGet("c", T0, out _));
        Assert.Equal(1, c.Stats.Evictions);
    }

    [Fact]
    public void Put_replaces_and_purge_removes_expired()
    {
        var c = new ResultCache(5, TimeSpan.FromSeconds(1));
        c.Put("a", J(1), T0);
        c.Put("a", J(2), T0);
        Assert.Equal(1, c.Stats.Count);
        c.Put("b", J(3), T0 + TimeSpan.FromSeconds(2));
        Assert.Equal(1, c.PurgeExpired(T0 + TimeSpan.FromSeconds(2)));
        Assert.True(c.TryGet("b", T0 + TimeSpan.FromSeconds(2), out var b));
        Assert.Equal(3, b.GetInt32());
    }
}
