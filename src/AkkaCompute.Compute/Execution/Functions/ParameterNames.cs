namespace AkkaCompute.Compute.Execution;

/// <summary>How named JSON arguments are matched to parameter names.</summary>
public static class ParameterNames
{
    /// <summary>
    /// The key a name is matched by: lower case (invariant) with '-', '_' and spaces removed, so
    /// <c>maxCount</c>, <c>MaxCount</c>, <c>max-count</c> and <c>max_count</c> all match.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Length - CountSeparators(name), name, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (!IsSeparator(c))
                {
                    span[i++] = char.ToLowerInvariant(c);
                }
            }
        });
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or ' ';

    private static int CountSeparators(string name)
    {
        var n = 0;
        foreach (var c in name)
        {
            if (IsSeparator(c))
            {
                n++;
            }
        }

        return n;
    }
}
