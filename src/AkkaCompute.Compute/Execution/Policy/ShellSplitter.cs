namespace AkkaCompute.Compute.Execution;

/// <summary>
/// Splits normalized command text (see <see cref="CommandNormalizer"/>) into its simple commands:
/// at ';', '&amp;&amp;', '||', '|', a background '&amp;', parentheses, backticks and <c>$(</c>, and at
/// '{' / '}' standing alone. Redirections such as <c>2&gt;&amp;1</c> do not split. Control
/// keywords (if, then, else, elif, do, while, until, '!') are dropped from the front; segments
/// that are only syntax (done, fi, esac, <c>for x in ...</c>, <c>case ... in</c>) are dropped.
/// </summary>
internal static class ShellSplitter
{
    private static readonly HashSet<string> LeadingKeywords = new(StringComparer.Ordinal) { "!", "if", "then", "else", "elif", "do", "while", "until", "{", "}" };
    private static readonly HashSet<string> SyntaxOnly = new(StringComparer.Ordinal) { "done", "fi", "esac", "in", "{", "}", "then", "else", "do" };

    public static IReadOnlyList<string> SimpleCommands(string normalized)
    {
        var segments = new List<string>();
        var start = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            var split = c switch
            {
                ';' or '|' or '(' or ')' or '`' => true,
                '&' => !(i > 0 && normalized[i - 1] is '>' or '<') && !(i + 1 < normalized.Length && normalized[i + 1] == '>'),
                '{' or '}' => (i == 0 || normalized[i - 1] == ' ') && (i + 1 == normalized.Length || normalized[i + 1] is ' ' or ';'),
                _ => false,
            };
            if (!split)
            {
                continue;
            }

            var end = c == '(' && i > start && normalized[i - 1] == '$' ? i - 1 : i;
            Add(segments, normalized[start..end]);
            start = i + 1;
        }

        Add(segments, normalized[start..]);
        return segments;
    }

    private static void Add(List<string> segments, string segment)
    {
        var words = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && LeadingKeywords.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0 || (words.Count == 1 && SyntaxOnly.Contains(words[0])) || words[0] is "for" or "case" or "select" or "function")
        {
            return;
        }

        segments.Add(string.Join(' ', words));
    }
}
