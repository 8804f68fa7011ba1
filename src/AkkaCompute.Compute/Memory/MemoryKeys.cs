using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Compute.Memory;

/// <summary>
/// The rules for shared-memory keys and the bucket each key is replicated in. The map is split into
/// <see cref="Buckets"/> replicated maps so that one changed key does not make the whole map travel by gossip.
/// </summary>
public static class MemoryKeys
{
    /// <summary>Buckets the map is split into: 64. Fixed: members that disagree would not find each other's keys.</summary>
    public const int Buckets = 64;

    /// <summary>Longest key: 256 characters.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The bucket of <paramref name="key"/>: the first two bytes of SHA-256 of its UTF-8, modulo <see cref="Buckets"/>.</summary>
    /// <param name="key">A valid key.</param>
    /// <returns>0 to <see cref="Buckets"/> - 1; the same on every member.</returns>
    public static int BucketOf(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        // A valid key is at most 256 UTF-16 units, 3 UTF-8 bytes each: on the stack, no allocation per request.
        Span<byte> utf8 = key.Length <= MaxKeyLength ? stackalloc byte[MaxKeyLength * 3] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
        return ((hash[0] << 8) | hash[1]) % Buckets;
    }

    /// <summary>Why <paramref name="key"/> is not a valid key, or null when it is: 1 to 256 characters, no control characters.</summary>
    /// <param name="key">The key to check; null is invalid.</param>
    /// <returns>A sentence naming the problem, or null.</returns>
    public static string? Problem(string? key) =>
        string.IsNullOrEmpty(key) ? "a key must not be empty"
        : key.Length > MaxKeyLength ? $"a key has at most {MaxKeyLength} characters (this one has {key.Length})"
        : key.Any(char.IsControl) ? "a key must not contain control characters"
        : null;
}
