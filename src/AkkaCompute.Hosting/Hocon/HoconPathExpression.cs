using System.Text;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Turns the tokens of a path expression (a key or the inside of <c>${...}</c>) into a
/// <see cref="HoconPath"/>: unquoted dots split keys, quoted text is kept whole, whitespace between
/// parts is kept, and leading and trailing whitespace is dropped.
/// </summary>
internal static class HoconPathExpression
{
    /// <summary>Builds the path.</summary>
    /// <param name="tokens">Unquoted, quoted and whitespace tokens only.</param>
    /// <param name="what">"key", "substitution" or "path", for error messages.</param>
    /// <returns>A path with at least one key.</returns>
    /// <exception cref="HoconParseException">Empty expression, an empty key (<c>a..b</c>, <c>.a</c>, <c>a.</c>), or a token not allowed in a path.</exception>
    public static HoconPath FromTokens(IReadOnlyList<HoconToken> tokens, string what)
    {
        var start = 0;
        var end = tokens.Count;
        while (start < end && tokens[start].Type == HoconTokenType.Whitespace) start++;
        while (end > start && tokens[end - 1].Type == HoconTokenType.Whitespace) end--;
        if (start == end)
        {
            var origin = tokens.Count > 0 ? tokens[0].Origin : new HoconOrigin(HoconOrigin.StringSource, 1, 1);
            throw new HoconParseException(origin, $"empty {what}");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = start; i < end; i++)
        {
            var t = tokens[i];
            switch (t.Type)
            {
                case HoconTokenType.QuotedString:
                    current.Append(t.Text);
                    hasContent = true;
                    break;
                case HoconTokenType.Whitespace:
                    current.Append(t.Text);
                    break;
                case HoconTokenType.Unquoted:
                    var pieces = t.Text.Split('.');
                    for (var p = 0; p < pieces.Length; p++)
                    {
                        if (p > 0)
                        {
                            Finish(segments, current, hasContent, t, what);
                            hasContent = false;
                        }
                        current.Append(pieces[p]);
                        if (pieces[p].Length > 0) hasContent = true;
                    }
                    break;
                default:
                    throw new HoconParseException(t.Origin, $"{t.Describe()} is not allowed in a {what}");
            }
        }
        Finish(segments, current, hasContent, tokens[end - 1], what);
        return new HoconPath(segments);
    }

    private static void Finish(List<string> segments, StringBuilder current, bool hasContent, HoconToken at, string what)
    {
        if (!hasContent)
            throw new HoconParseException(at.Origin, $"{what} has an empty path element (a leading, trailing or doubled '.'); quote it as \"\" if an empty key is intended");
        segments.Add(current.ToString());
        current.Clear();
    }
}
