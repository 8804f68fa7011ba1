namespace AkkaCompute.Compute.Execution;

/// <summary>Finds the registered name closest to a misspelt one (optimal string alignment distance, case-insensitive).</summary>
public static class NameSuggester
{
    /// <summary>Longest name compared; longer names get no suggestion (bounds the O(n*m) work).</summary>
    private const int NameLengthMax = 200;

    /// <summary>The closest candidate within 1 edit (names under 5 characters) or 2 edits, ties to the first in order; else null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length == 0 || name.Length > NameLengthMax)
        {
            return null;
        }

        var threshold = name.Length < 5 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate.Length > NameLengthMax || Math.Abs(candidate.Length - name.Length) > threshold)
            {
                continue;
            }

            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d <= threshold && d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Edits (insert, delete, substitute, swap adjacent) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
