using System.Text;

namespace AkkaCompute.Compute.Memory;

/// <summary>
/// One value of the shared memory: its JSON text, the client that wrote it last (whose quota it counts against) and
/// when. Immutable; replicated as the value of a last-writer-wins map.
/// </summary>
/// <param name="Json">The value as JSON text (any JSON value; text written with <c>akc memory set</c> is a JSON string).</param>
/// <param name="Client">The client id of the last writer; <c>anonymous</c> when it gave none.</param>
/// <param name="UpdatedAt">When it was written, by the writing member's clock.</param>
/// <param name="Deleted">
/// True for a tombstone: the key was deleted. A delete is a last-writer-wins write like a set (not a removal from the
/// replicated map, whose observed-remove merge could bring an older value back), so a delete and a set of one key resolve
/// by time; tombstones are pruned <c>MemoryActor.TombstoneRetention</c> after they were written.
/// </param>
public sealed record MemoryEntry(string Json, string Client, DateTimeOffset UpdatedAt, bool Deleted = false)
{
    /// <summary>The client id of writers that give none: <c>anonymous</c>.</summary>
    public const string AnonymousClient = "anonymous";

    /// <summary>The bytes this entry holds under <paramref name="key"/>: UTF-8 length of the key plus that of the JSON text.</summary>
    /// <param name="key">The entry's key.</param>
    /// <returns>Bytes, at least 0.</returns>
    public long BytesUnder(string key) => Encoding.UTF8.GetByteCount(key) + (long)Encoding.UTF8.GetByteCount(Json);
}
