using System.Text.Json;

namespace AkkaCompute.Compute.Protocol;

/// <summary>One cached result shared with the other members: its content key and the result.</summary>
/// <param name="Key">The content key (function, canonical arguments and input fingerprint, hashed).</param>
/// <param name="Value">The result's output.</param>
public sealed record SharedCacheEntry(string Key, JsonElement Value);

/// <summary>
/// Results a member cached since its last flush, sent to every other member's cache (<c>/user/peer/cache</c>), which
/// stores them without sending them on. At most <see cref="Caching.CacheShareBuffer.MaxEntriesPerMessage"/> entries and
/// about 1 MiB per message.
/// </summary>
/// <param name="Entries">The entries, oldest first.</param>
public sealed record SharedCacheEntries(IReadOnlyList<SharedCacheEntry> Entries);
