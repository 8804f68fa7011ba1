using AkkaCompute.Compute.Memory;

namespace AkkaCompute.Compute.Protocol;

/// <summary>Reads one key of the shared memory; the reply is <see cref="MemoryValue"/> or <see cref="MemoryFailed"/>.</summary>
/// <param name="Key">The key (1 to 256 characters, no control characters).</param>
/// <param name="Consistency">Local: this member's replica; Majority/All: asks that many members and merges their answers.</param>
public sealed record MemoryGet(string Key, MemoryConsistency Consistency = MemoryConsistency.Local);

/// <summary>Writes one key; the reply is <see cref="MemoryWritten"/> or <see cref="MemoryFailed"/>.</summary>
/// <param name="Key">The key (1 to 256 characters, no control characters).</param>
/// <param name="Json">The value as JSON text (any JSON value).</param>
/// <param name="Consistency">How many members hold the write before the reply.</param>
/// <param name="ClientId">Whose quota the key counts against; null: <see cref="MemoryEntry.AnonymousClient"/>.</param>
public sealed record MemorySet(string Key, string Json, MemoryConsistency Consistency = MemoryConsistency.Local, string? ClientId = null);

/// <summary>Removes one key; the reply is <see cref="MemoryWritten"/> (Existed false when it was not there) or <see cref="MemoryFailed"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Consistency">How many members hold the removal before the reply.</param>
public sealed record MemoryDelete(string Key, MemoryConsistency Consistency = MemoryConsistency.Local);

/// <summary>Lists keys of this member's replica; the reply is <see cref="MemoryListing"/>.</summary>
/// <param name="Prefix">Only keys starting with it; empty: every key.</param>
/// <param name="Limit">Most keys, 1 to 10,000.</param>
public sealed record MemoryList(string Prefix = "", int Limit = 1000);

/// <summary>The answer to <see cref="MemoryGet"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Entry">The entry, or null when no member asked holds the key.</param>
public sealed record MemoryValue(string Key, MemoryEntry? Entry);

/// <summary>A write or removal reached the members its consistency asked for.</summary>
/// <param name="Key">The key.</param>
/// <param name="Existed">True when the key had a value before (as this member saw it).</param>
public sealed record MemoryWritten(string Key, bool Existed);

/// <summary>A memory request failed; nothing was written unless <paramref name="Error"/> says the write was kept locally.</summary>
/// <param name="Key">The key, or empty for a listing.</param>
/// <param name="Error">One sentence: the bad key or value, the quota exceeded, or the members that did not answer in time.</param>
/// <param name="Quota">The quota that refused it (<c>max-memory-keys</c>, <c>max-storage-bytes</c>, <c>max-value-bytes</c>, <c>max-total-bytes</c>), or null.</param>
public sealed record MemoryFailed(string Key, string Error, string? Quota = null);

/// <summary>The answer to <see cref="MemoryList"/>.</summary>
/// <param name="Entries">Keys in ordinal order with their entries.</param>
/// <param name="Total">Keys in the member's replica over all prefixes.</param>
/// <param name="TotalBytes">Bytes in the member's replica (keys plus values, UTF-8).</param>
public sealed record MemoryListing(IReadOnlyList<MemoryListingEntry> Entries, int Total, long TotalBytes);

/// <summary>One key of a <see cref="MemoryListing"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Entry">Its entry.</param>
public sealed record MemoryListingEntry(string Key, MemoryEntry Entry);
