using System.Collections.Concurrent;
using System.Text;

namespace AkkaCompute.Remote.Transport;

/// <summary>
/// Turns UTF-8 strings from received frames (actor paths, manifests) into strings, returning the same string object for
/// bytes seen before, so that a steady stream of messages between the same actors allocates no strings. Invalid UTF-8
/// becomes U+FFFD, as the protobuf parser does it. Bounded: at most <c>capacity</c> strings of at most
/// <c>maxChars</c> characters are kept (the cache is cleared when full; longer strings are never kept), so a peer that
/// sends ever new paths costs bounded memory. Thread-safe.
/// </summary>
/// <param name="capacity">Strings kept before the cache is cleared; default 4,096.</param>
/// <param name="maxChars">The longest string kept, in characters; default 512.</param>
internal sealed class WireStringCache(int capacity = 4096, int maxChars = 512)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    // Made once: GetAlternateLookup checks the comparer on every call, and Get runs per received message.
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
        new ConcurrentDictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private ConcurrentDictionary<string, string> Strings => _lookup.Dictionary;

    /// <summary>Strings currently kept.</summary>
    public int Count => Strings.Count;

    /// <summary>The string <paramref name="utf8"/> encodes; a cached one when these bytes were seen before.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        // A UTF-8 sequence never decodes to more UTF-16 chars than it has bytes.
        if (utf8.Length > maxChars)
        {
            return Utf8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        var text = chars[..Utf8.GetChars(utf8, chars)];
        if (_lookup.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var created = new string(text);
        if (Strings.Count >= capacity)
        {
            Strings.Clear();
        }

        return Strings.GetOrAdd(created, created);
    }
}
