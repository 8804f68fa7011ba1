using AkkaCompute.Compute.Quotas;

namespace AkkaCompute.Compute.Memory;

/// <summary>
/// One member's view of the shared memory: every key of every bucket as last replicated to this member, with each
/// client's usage (keys, bytes) and the total kept up to date as buckets change. Quotas are checked against this view,
/// so they hold cluster-wide up to what gossip has not yet brought (two writes on two members within one gossip
/// interval may together pass a limit). Pure and single-threaded (the memory actor owns it).
/// </summary>
public sealed class MemoryView
{
    private readonly Dictionary<string, MemoryEntry>[] _buckets =
        Enumerable.Range(0, MemoryKeys.Buckets).Select(_ => new Dictionary<string, MemoryEntry>(StringComparer.Ordinal)).ToArray();

    private readonly Dictionary<string, (long Keys, long Bytes)> _usage = new(StringComparer.Ordinal);

    /// <summary>Keys in the view, over all buckets.</summary>
    public int Count => _buckets.Sum(b => b.Count);

    /// <summary>Bytes in the view (keys plus values, UTF-8), over all clients.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The entry under <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entry or null.</returns>
    public MemoryEntry? Get(string key) => _buckets[MemoryKeys.BucketOf(key)].GetValueOrDefault(key);

    /// <summary>Keys and bytes <paramref name="client"/> holds: (0, 0) for a client with none.</summary>
    /// <param name="client">The client id.</param>
    /// <returns>Keys and bytes.</returns>
    public (long Keys, long Bytes) UsageOf(string client) => _usage.GetValueOrDefault(client);

    /// <summary>Replaces the contents of bucket <paramref name="bucket"/> by <paramref name="entries"/> (what the replica now holds; tombstones are left out).</summary>
    /// <param name="bucket">0 to <see cref="MemoryKeys.Buckets"/> - 1.</param>
    /// <param name="entries">The bucket's entries.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucket"/> is out of range.</exception>
    public void ReplaceBucket(int bucket, IEnumerable<KeyValuePair<string, MemoryEntry>> entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, MemoryKeys.Buckets);
        var map = _buckets[bucket];
        foreach (var (key, entry) in map)
        {
            Tally(key, entry, -1);
        }

        map.Clear();
        foreach (var (key, entry) in entries.Where(e => !e.Value.Deleted))
        {
            map[key] = entry;
            Tally(key, entry, +1);
        }
    }

    /// <summary>Sets (or with a null <paramref name="entry"/> or a tombstone removes) one key, as a write this member just made.</summary>
    /// <param name="key">A valid key.</param>
    /// <param name="entry">The new entry, or null to remove the key.</param>
    public void Apply(string key, MemoryEntry? entry)
    {
        var map = _buckets[MemoryKeys.BucketOf(key)];
        if (map.Remove(key, out var old))
        {
            Tally(key, old, -1);
        }

        if (entry is { Deleted: false })
        {
            map[key] = entry;
            Tally(key, entry, +1);
        }
    }

    /// <summary>
    /// Why writing <paramref name="entry"/> under <paramref name="key"/> would break a limit, or null when it fits.
    /// The write replaces what is there (a key another client held moves to this client's usage).
    /// </summary>
    /// <param name="key">A valid key.</param>
    /// <param name="entry">The entry to write.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The refusal (quota <c>max-value-bytes</c>, <c>max-total-bytes</c>, <c>max-memory-keys</c> or <c>max-storage-bytes</c>), or null.</returns>
    public QuotaRefusal? CheckWrite(string key, MemoryEntry entry, MemoryLimits limits)
    {
        var valueBytes = System.Text.Encoding.UTF8.GetByteCount(entry.Json);
        if (valueBytes > limits.MaxValueBytes)
        {
            return new QuotaRefusal("max-value-bytes", limits.MaxValueBytes, 0, valueBytes, null);
        }

        var old = Get(key);
        var bytes = entry.BytesUnder(key);
        var freed = old?.BytesUnder(key) ?? 0;
        if (limits.MaxTotalBytes > 0 && TotalBytes - freed + bytes > limits.MaxTotalBytes)
        {
            return new QuotaRefusal("max-total-bytes", limits.MaxTotalBytes, TotalBytes, bytes - freed, null);
        }

        var (keys, used) = UsageOf(entry.Client);
        var sameClient = old is not null && string.Equals(old.Client, entry.Client, StringComparison.Ordinal);
        var keysDelta = sameClient ? 0 : 1;
        var bytesDelta = bytes - (sameClient ? freed : 0);
        if (limits.MaxKeysPerClient > 0 && keysDelta > 0 && keys + keysDelta > limits.MaxKeysPerClient)
        {
            return new QuotaRefusal("max-memory-keys", limits.MaxKeysPerClient, keys, keysDelta, null);
        }

        if (limits.MaxBytesPerClient > 0 && bytesDelta > 0 && used + bytesDelta > limits.MaxBytesPerClient)
        {
            return new QuotaRefusal("max-storage-bytes", limits.MaxBytesPerClient, used, bytesDelta, null);
        }

        return null;
    }

    /// <summary>Keys starting with <paramref name="prefix"/> in ordinal order, at most <paramref name="limit"/>.</summary>
    /// <param name="prefix">A prefix; empty for every key.</param>
    /// <param name="limit">Most keys to return, at least 1.</param>
    /// <returns>Keys with their entries.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is below 1.</exception>
    public IReadOnlyList<KeyValuePair<string, MemoryEntry>> List(string prefix, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _buckets.SelectMany(b => b)
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    private void Tally(string key, MemoryEntry entry, int sign)
    {
        var bytes = entry.BytesUnder(key);
        TotalBytes += sign * bytes;
        var (keys, used) = _usage.GetValueOrDefault(entry.Client);
        keys += sign;
        used += sign * bytes;
        if (keys <= 0)
        {
            _usage.Remove(entry.Client);
        }
        else
        {
            _usage[entry.Client] = (keys, used);
        }
    }
}
