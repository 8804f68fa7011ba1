using System.Globalization;

namespace AkkaCompute.Compute.Execution;

/// <summary>
/// The progress line a shell task prints on its standard output: <c>::progress 0.4</c> (a fraction, 0 to 1) or
/// <c>::progress 40%</c> (a percentage, 0 to 100). The marker starts the line; spaces or tabs separate it from the value;
/// surrounding whitespace and a trailing carriage return are ignored. Anything else (a value out of range, NaN, text
/// after the value) is not a progress line and is left alone.
/// </summary>
public static class ProgressLine
{
    /// <summary>The marker a progress line starts with: <c>::progress</c>.</summary>
    public const string Marker = "::progress";

    /// <summary>The longest progress line recognised, in characters (64); longer lines are ordinary output.</summary>
    public const int MaxLength = 64;

    /// <summary>Reads one line (without its newline).</summary>
    /// <param name="line">The line.</param>
    /// <param name="fraction">The fraction done, 0.0 to 1.0, when the line is a progress line; else 0.</param>
    /// <returns>True when <paramref name="line"/> is a progress line.</returns>
    public static bool TryParse(ReadOnlySpan<char> line, out double fraction)
    {
        fraction = 0;
        var text = line.Trim();
        if (text.Length > MaxLength || !text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Marker.Length..];
        if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '\t'))
        {
            return false;
        }

        rest = rest.Trim();
        var percent = rest.EndsWith('%');
        if (percent)
        {
            rest = rest[..^1].TrimEnd();
        }

        if (!double.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var max = percent ? 100.0 : 1.0;
        if (!double.IsFinite(value) || value < 0 || value > max)
        {
            return false;
        }

        fraction = percent ? value / 100.0 : value;
        return true;
    }
}
