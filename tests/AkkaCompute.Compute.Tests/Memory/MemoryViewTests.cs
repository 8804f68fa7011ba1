using AkkaCompute.Compute.Memory;

namespace AkkaCompute.Compute.Tests.Memory;

public sealed class MemoryViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    private static MemoryEntry Entry(string json, string client = "alice") => new(json, client, Now);

    [Fact]
    public void Usage_follows_writes_replacements_and_removals_per_client()
    {
        var view = new MemoryView();
        view.Apply("a", Entry("1"));
        view.Apply("bb", Entry("\"xy\"", "bob"));
        Assert.Equal((1, 2), view.UsageOf("alice")); // "a" + "1"
        Assert.Equal((1, 6), view.UsageOf("bob")); // "bb" + "\"xy\""

        view.Apply("a", Entry("12345", "bob")); // the key moves to bob
        Assert.Equal((0, 0), view.UsageOf("alice"));
        Assert.Equal((2, 12), view.UsageOf("bob"));
        Assert.Equal(12, view.TotalBytes);

        view.Apply("bb", null);
        Assert.Equal((1, 6), view.UsageOf("bob"));
        Assert.Equal(1, view.Count);
        Assert.Null(view.Get("bb"));
    }

    [Fact]
    public void Tombstones_count_for_nothing_and_are_not_listed()
    {
        var view = new MemoryView();
        var key = "gone";
        view.Apply(key, Entry("1"));
        view.Apply(key, Entry("null") with { Deleted = true });
        Assert.Null(view.Get(key));
        Assert.Equal((0, 0), view.UsageOf("alice"));
        view.ReplaceBucket(MemoryKeys.BucketOf(key), [new(key, Entry("null") with { Deleted = true }), new("kept", Entry("2"))]);
        Assert.Equal(["kept"], view.List(string.Empty, 10).Select(kv => kv.Key));
        Assert.Equal(0, view.TotalBytes - "kept".Length - 1);
    }

    [Fact]
    public void Replacing_a_bucket_recounts_what_it_held()
    {
        var view = new MemoryView();
        var key = "some-key";
        var bucket = MemoryKeys.BucketOf(key);
        view.Apply(key, Entry("1"));
        view.ReplaceBucket(bucket, [new(key, Entry("22", "bob")), new("x", Entry("3", "bob"))]);
        Assert.Equal((0, 0), view.UsageOf("alice"));
        Assert.Equal((2, key.Length + 2 + 2), view.UsageOf("bob"));
        view.ReplaceBucket(bucket, []);
        Assert.Equal(0, view.Count);
        Assert.Equal(0, view.TotalBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.ReplaceBucket(MemoryKeys.Buckets, []));
    }

    [Fact]
    public void Writes_over_a_limit_are_refused_naming_it_and_replacements_count_only_their_growth()
    {
        var limits = new MemoryLimits(MaxKeysPerClient: 2, MaxBytesPerClient: 20, MaxValueBytes: 10, MaxTotalBytes: 30);
        var view = new MemoryView();
        Assert.Null(view.CheckWrite("k1", Entry("1"), limits));
        view.Apply("k1", Entry("1"));
        view.Apply("k2", Entry("2"));

        Assert.Equal("max-memory-keys", view.CheckWrite("k3", Entry("3"), limits)?.Quota);
        Assert.Null(view.CheckWrite("k1", Entry("11"), limits)); // a replacement is not a new key
        Assert.Equal("max-value-bytes", view.CheckWrite("k1", Entry("\"0123456789\""), limits)?.Quota);
        Assert.Null(view.CheckWrite("k3", Entry("3", "bob"), limits)); // another client's key count

        view.Apply("bob-key-1", Entry("123456789", "bob"));
        Assert.Equal("max-total-bytes", view.CheckWrite("bob-key-2", Entry("123456789", "bob"), limits)?.Quota);
        var refusal = view.CheckWrite("k3", Entry("3"), limits)!;
        Assert.Equal("quota max-memory-keys exceeded: limit 2, used 2, requested 1", refusal.ToString());
    }

    [Fact]
    public void Per_client_bytes_are_refused_once_the_growth_passes_the_limit()
    {
        var limits = new MemoryLimits(0, MaxBytesPerClient: 10, MaxValueBytes: 100, MaxTotalBytes: 1000);
        var view = new MemoryView();
        view.Apply("k", Entry("12345")); // 6 bytes
        Assert.Null(view.CheckWrite("k", Entry("123456789"), limits)); // 10: replaces its own 6
        Assert.Equal("max-storage-bytes", view.CheckWrite("k", Entry("1234567890"), limits)?.Quota);
        Assert.Equal("max-storage-bytes", view.CheckWrite("j", Entry("1234"), limits)?.Quota);
    }

    [Fact]
    public void Listing_is_ordinal_filtered_by_prefix_and_bounded()
    {
        var view = new MemoryView();
        foreach (var key in new[] { "job/b", "job/a", "other", "job/c" })
        {
            view.Apply(key, Entry("0"));
        }

        Assert.Equal(["job/a", "job/b"], view.List("job/", 2).Select(kv => kv.Key));
        Assert.Equal(4, view.List(string.Empty, 100).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.List(string.Empty, 0));
    }

    [Fact]
    public void Keys_are_checked_and_every_member_puts_a_key_in_the_same_bucket()
    {
        Assert.Null(MemoryKeys.Problem("model/weights:v1"));
        Assert.Equal("a key must not be empty", MemoryKeys.Problem(""));
        Assert.Equal("a key must not be empty", MemoryKeys.Problem(null));
        Assert.Contains("at most 256", MemoryKeys.Problem(new string('k', 257)));
        Assert.Equal("a key must not contain control characters", MemoryKeys.Problem("a\nb"));

        // SHA-256("k") = 8254c329a92850f6..., so the bucket is 0x8254 % 64 = 20: the same on every member and run.
        Assert.Equal(0x8254 % 64, MemoryKeys.BucketOf("k"));
        Assert.All(Enumerable.Range(0, 1000), i => Assert.InRange(MemoryKeys.BucketOf("key" + i), 0, MemoryKeys.Buckets - 1));
        Assert.True(Enumerable.Range(0, 1000).Select(i => MemoryKeys.BucketOf("key" + i)).Distinct().Count() > 50);
    }
}
