using System.Text.Json;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Compute.Caching;

/// <summary>
/// The results a member cached since its last flush, waiting to be shared with the other members so that a result
/// cached on any member is found by the others before they run the task again. Bounded: results whose output is larger
/// than <see cref="MaxEntryBytes"/> stay local, and when more than <see cref="MaxPending"/> wait the oldest are dropped
/// (counted in <see cref="Dropped"/>). Pure and single-threaded (the cache actor owns it).
/// </summary>
public sealed class CacheShareBuffer
{
    /// <summary>Largest output shared, UTF-8 bytes of its JSON: 16 KiB (larger results stay in the member's own cache).</summary>
    public const int MaxEntryBytes = 16 * 1024;

    /// <summary>Most entries waiting between flushes: 10,000.</summary>
    public const int MaxPending = 10_000;

    /// <summary>Most entries in one <see cref="SharedCacheEntries"/>: 500.</summary>
    public const int MaxEntriesPerMessage = 500;

    /// <summary>Most bytes (keys plus outputs) in one <see cref="SharedCacheEntries"/>: 1 MiB.</summary>
    public const int MaxBytesPerMessage = 1024 * 1024;

    private readonly Queue<SharedCacheEntry> _pending = new();

    /// <summary>Entries waiting.</summary>
    public int Count => _pending.Count;

    /// <summary>Entries dropped because too many waited.</summary>
    public long Dropped { get; private set; }

    /// <summary>Entries left out because their output was larger than <see cref="MaxEntryBytes"/>.</summary>
    public long TooLarge { get; private set; }

    /// <summary>Adds a result cached on this member; returns false when it stays local (too large).</summary>
    /// <param name="key">The content key.</param>
    /// <param name="value">The output.</param>
    /// <returns>True when it will be shared.</returns>
    public bool Add(string key, JsonElement value)
    {
        if (MessageChunks.JsonBytes(value) > MaxEntryBytes)
        {
            TooLarge++;
            return false;
        }

        if (_pending.Count >= MaxPending)
        {
            _pending.Dequeue();
            Dropped++;
        }

        _pending.Enqueue(new SharedCacheEntry(key, value));
        return true;
    }

    /// <summary>Takes every waiting entry, in messages of at most <see cref="MaxEntriesPerMessage"/> entries and about <see cref="MaxBytesPerMessage"/> bytes.</summary>
    /// <returns>The messages, oldest entries first; empty when none wait.</returns>
    public IReadOnlyList<SharedCacheEntries> Drain()
    {
        var messages = new List<SharedCacheEntries>();
        var current = new List<SharedCacheEntry>();
        long bytes = 0;
        while (_pending.TryDequeue(out var entry))
        {
            var size = entry.Key.Length + MessageChunks.JsonBytes(entry.Value) + 16;
            if (current.Count > 0 && (current.Count == MaxEntriesPerMessage || bytes + size > MaxBytesPerMessage))
            {
                messages.Add(new SharedCacheEntries(current));
                current = [];
                bytes = 0;
            }

            current.Add(entry);
            bytes += size;
        }

        if (current.Count > 0)
        {
            messages.Add(new SharedCacheEntries(current));
        }

        return messages;
    }
}
