using System.Collections.Immutable;
using System.Text;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A path through a HOCON object tree, e.g. <c>akka.cluster."seed.nodes"</c> is the three keys
/// <c>akka</c>, <c>cluster</c> and <c>seed.nodes</c>. Immutable, with value equality over the keys.
/// </summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    /// <summary>The empty path (the root object itself).</summary>
    public static readonly HoconPath Root = new(ImmutableArray<string>.Empty);

    /// <summary>Creates a path from its keys.</summary>
    /// <param name="segments">The keys, outermost first; must not be null or contain null.</param>
    public HoconPath(IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Segments = segments.ToImmutableArray();
        if (Segments.Any(s => s is null)) throw new ArgumentException("path segments must not be null", nameof(segments));
    }

    /// <summary>The keys, outermost first.</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>Number of keys; 0 for <see cref="Root"/>.</summary>
    public int Count => Segments.Length;

    /// <summary>
    /// Parses a HOCON path expression: keys separated by <c>.</c>, where a quoted part keeps its dots
    /// (<c>a."b.c".d</c> is three keys).
    /// </summary>
    /// <param name="text">The path expression.</param>
    /// <returns>The parsed path (never <see cref="Root"/>).</returns>
    /// <exception cref="ArgumentException">The text is empty, has an empty key (<c>a..b</c>), or contains characters not allowed in a path.</exception>
    public static HoconPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var tokens = new HoconTokenizer(text, HoconOrigin.StringSource).Tokenize();
            return HoconPathExpression.FromTokens(tokens.Take(tokens.Count - 1).ToList(), "path");
        }
        catch (HoconParseException e)
        {
            throw new ArgumentException($"invalid HOCON path '{text}': {e.Reason}", nameof(text), e);
        }
    }

    /// <summary>This path followed by <paramref name="other"/>.</summary>
    /// <param name="other">The path to append.</param>
    /// <returns>The combined path.</returns>
    public HoconPath Append(HoconPath other) =>
        other.Count == 0 ? this : Count == 0 ? other : new HoconPath(Segments.AddRange(other.Segments));

    /// <summary>This path followed by one more key.</summary>
    /// <param name="key">The key to append.</param>
    /// <returns>The longer path.</returns>
    public HoconPath Append(string key) => new(Segments.Add(key));

    /// <summary>True when this path equals <paramref name="prefix"/> or lies inside it.</summary>
    /// <param name="prefix">The candidate ancestor.</param>
    /// <returns>Whether every key of <paramref name="prefix"/> matches the start of this path.</returns>
    public bool StartsWith(HoconPath prefix)
    {
        if (prefix.Count > Count) return false;
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(Segments[i], prefix.Segments[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>The keys from <paramref name="start"/> on.</summary>
    /// <param name="start">Index of the first key to keep, 0..Count.</param>
    /// <returns>The remaining path.</returns>
    public HoconPath Skip(int start) => new(Segments.Skip(start));

    /// <summary>
    /// Renders the path as a HOCON path expression; keys that are empty or contain characters other
    /// than letters, digits, <c>-</c> and <c>_</c> are quoted.
    /// </summary>
    /// <returns>E.g. <c>akka.cluster."seed.nodes"</c>; the empty string for <see cref="Root"/>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var segment in Segments)
        {
            if (sb.Length > 0) sb.Append('.');
            var plain = segment.Length > 0 && segment.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_');
            if (plain) sb.Append(segment);
            else sb.Append('"').Append(segment.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(HoconPath? other) =>
        other is not null && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in Segments) hash.Add(s, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
