namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Parses HOCON durations (spec section "Duration format"): a number followed by an optional,
/// case-sensitive, lowercase unit. A bare number means milliseconds.
/// Units: <c>ns</c>/<c>nano(s)</c>/<c>nanosecond(s)</c>, <c>us</c>/<c>micro(s)</c>/<c>microsecond(s)</c>,
/// <c>ms</c>/<c>milli(s)</c>/<c>millisecond(s)</c>, <c>s</c>/<c>second(s)</c>, <c>m</c>/<c>minute(s)</c>,
/// <c>h</c>/<c>hour(s)</c>, <c>d</c>/<c>day(s)</c>. Fractions are allowed (<c>1.5s</c>); the result is
/// rounded to the nearest 100 ns tick.
/// </summary>
public static class HoconDuration
{
    private const decimal TicksPerMs = TimeSpan.TicksPerMillisecond;

    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration, e.g. <c>"500ms"</c>, <c>"2 minutes"</c>, <c>"1.5s"</c>, <c>"250"</c> (ms).</summary>
    /// <param name="text">The value text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">No number, an unknown unit (the message lists the valid ones).</exception>
    /// <exception cref="OverflowException">Outside <see cref="TimeSpan"/>'s range.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HoconUnits.TrySplit(text, out var number, out var unit, out var error))
            throw new FormatException($"invalid duration: {error}");
        if (!TicksPerUnit.TryGetValue(unit.Length == 0 ? "ms" : unit, out var factor))
            throw new FormatException($"invalid duration '{text}': unknown unit '{unit}' (use ns, us, ms, s, m, h or d, or their long names such as 'seconds'; units are lowercase)");
        decimal ticks;
        try
        {
            ticks = decimal.Round(number * factor, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"duration '{text}' is too large");
        }
        if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
            throw new OverflowException($"duration '{text}' is outside the range of TimeSpan (about ±10,675,199 days)");
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Like <see cref="Parse"/>, without exceptions.</summary>
    /// <param name="text">The value text (null gives false).</param>
    /// <param name="value">The duration when valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null) return false;
        try
        {
            value = Parse(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names) units[name] = ticks;
        }
        Add(TicksPerMs / 1_000_000m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TicksPerMs / 1_000m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TicksPerMs, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
