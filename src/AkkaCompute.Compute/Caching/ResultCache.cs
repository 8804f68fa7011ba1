using System.Text.Json;

namespace AkkaCompute.Compute.Caching;

/// <summary>Hit and miss counters of a <see cref="ResultCache"/>.</summary>
/// <param name="Hits">Lookups that found a live entry.</param>
/// <param name="Misses">Lookups that found nothing or an expired entry.</param>
/// <param name="Evictions">Entries dropped to stay within capacity.</param>
/// <param name="Expirations">Entries dropped because their TTL passed.</param>
/// <param name="Count">Entries held now.</param>
public sealed record CacheStats(long Hits, long Misses, long Evictions, long Expirations, int Count)
{
    /// <summary>Hits / (hits + misses); 0 when there were no lookups.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}

/// <summary>
/// Task results by content key with a time-to-live and true least-recently-used eviction: a
/// dictionary into a doubly linked list ordered by last use, so lookup, insert, touch and evict are
/// O(1). Pure: the caller passes the time. At most <see cref="Capacity"/> entries; inserting beyond
/// it evicts the least recently used entry.
/// </summary>
public sealed class ResultCache
{
    private readonly Dictionary<string, LinkedListNode<Item>> _items = new(StringComparer.Ordinal);
    private readonly LinkedList<Item> _lru = new();
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _expirations;

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">Most entries; at least 1.</param>
    /// <param name="ttl">How long an entry lives after it is stored; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is out of range.</exception>
    public ResultCache(int capacity, TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        Capacity = capacity;
        Ttl = ttl;
    }

    /// <summary>Most entries held.</summary>
    public int Capacity { get; }

    /// <summary>Entry lifetime.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>The counters.</summary>
    public CacheStats Stats => new(_hits, _misses, _evictions, _expirations, _items.Count);

    /// <summary>Looks up <paramref name="key"/>; a hit becomes the most recently used entry.</summary>
    public bool TryGet(string key, DateTimeOffset now, out JsonElement value)
    {
        if (_items.TryGetValue(key, out var node))
        {
            if (node.Value.ExpiresAt > now)
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                value = node.Value.Value;
                return true;
            }

            _items.Remove(key);
            _lru.Remove(node);
            _expirations++;
        }

        _misses++;
        value = default;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> as the most recently used entry.</summary>
    public void Put(string key, JsonElement value, DateTimeOffset now)
    {
        if (_items.TryGetValue(key, out var existing))
        {
            _lru.Remove(existing);
            _items.Remove(key);
        }

        var node = _lru.AddFirst(new Item(key, value.Clone(), now + Ttl));
        _items[key] = node;
        while (_items.Count > Capacity)
        {
            var last = _lru.Last!;
            _lru.RemoveLast();
            _items.Remove(last.Value.Key);
            _evictions++;
        }
    }

    /// <summary>Removes every expired entry (O(n)).</summary>
    public int PurgeExpired(DateTimeOffset now)
    {
        var expired = _lru.Where(i => i.ExpiresAt <= now).Select(i => i.Key).ToList();
        foreach (var key in expired)
        {
            _lru.Remove(_items[key]);
            _items.Remove(key);
        }

        _expirations += expired.Count;
        return expired.Count;
    }

    private sealed record Item(string Key, JsonElement Value, DateTimeOffset ExpiresAt);
}
