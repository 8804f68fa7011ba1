using System.Globalization;

namespace AkkaCompute.Cli.Commands;

/// <summary>Reads a point in time given on the command line: an ISO 8601 date or date and time, or a duration ago.</summary>
internal static class TimeArgument
{
    /// <summary>What is accepted, for messages and help.</summary>
    public const string Formats = "an ISO 8601 date or time (2026-11-01, 2026-11-01T08:30:00Z, 2026-11-01T08:30:00+01:00; UTC unless an offset is given) or a duration ago (90s, 30m, 6h, 2d, 1w)";

    /// <summary>The time <paramref name="text"/> stands for, or null if it is neither form.</summary>
    /// <param name="text">The argument.</param>
    /// <param name="now">Now, for durations.</param>
    public static DateTimeOffset? Parse(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t.Length >= 2 && char.IsAsciiDigit(t[0]) && Unit(t[^1]) is { } unit
            && long.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= TimeSpan.MaxValue.Ticks / unit.Ticks)
        {
            var ago = TimeSpan.FromTicks(count * unit.Ticks);
            return now - DateTimeOffset.MinValue < ago ? DateTimeOffset.MinValue : now - ago;
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && LooksIso(t) ? at : null;
    }

    private static TimeSpan? Unit(char c) => c switch
    {
        's' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMinutes(1),
        'h' => TimeSpan.FromHours(1),
        'd' => TimeSpan.FromDays(1),
        'w' => TimeSpan.FromDays(7),
        _ => null,
    };

    // DateTimeOffset.TryParse also takes "11/01/2026" or "1 Nov 2026": only the year-first ISO forms are accepted.
    private static bool LooksIso(string t) =>
        t.Length >= 10 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]) && char.IsAsciiDigit(t[3]) && t[4] == '-' && t[7] == '-';
}
