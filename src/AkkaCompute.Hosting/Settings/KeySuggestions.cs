namespace AkkaCompute.Hosting.Settings;

/// <summary>Suggests the known key a misspelt one was probably meant to be (by edit distance).</summary>
internal static class KeySuggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="text"/> when it is within max(1, length / 3) edits
    /// (insertions, deletions, substitutions); otherwise null. Ties go to the earliest candidate.
    /// </summary>
    public static string? Closest(string text, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(candidate, text);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return best is not null && bestDistance <= Math.Max(1, text.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
