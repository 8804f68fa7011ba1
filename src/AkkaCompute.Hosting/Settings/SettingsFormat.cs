using System.Globalization;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>Renders values for settings error messages in the units a user would write in HOCON.</summary>
internal static class SettingsFormat
{
    private const int MaxValueChars = 120;

    /// <summary>A duration in the largest unit that divides it exactly: <c>7d</c>, <c>30s</c>, <c>200ms</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        var units = new (long Ticks, string Unit)[]
        {
            (TimeSpan.TicksPerDay, "d"), (TimeSpan.TicksPerHour, "h"), (TimeSpan.TicksPerMinute, "m"),
            (TimeSpan.TicksPerSecond, "s"), (TimeSpan.TicksPerMillisecond, "ms"),
        };
        if (value == TimeSpan.Zero) return "0";
        foreach (var (ticks, unit) in units)
        {
            if (value.Ticks % ticks == 0) return (value.Ticks / ticks).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return (value.Ticks / 10).ToString(CultureInfo.InvariantCulture) + "us";
    }

    /// <summary>A size in the largest binary unit that divides it exactly: <c>64MiB</c>, <c>1KiB</c>, <c>100B</c>.</summary>
    public static string Size(long bytes)
    {
        var units = new (long Bytes, string Unit)[] { (1L << 40, "TiB"), (1L << 30, "GiB"), (1L << 20, "MiB"), (1L << 10, "KiB") };
        if (bytes == 0) return "0";
        foreach (var (size, unit) in units)
        {
            if (bytes % size == 0) return (bytes / size).ToString(CultureInfo.InvariantCulture) + unit;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    /// <summary>A whole number with thousands separators: <c>1,000,000</c>.</summary>
    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A HOCON value as a user wrote it, shortened to 120 characters: scalars as text, arrays as <c>[a, b]</c>, objects as <c>{...}</c>.</summary>
    public static string Value(HoconValue value)
    {
        var text = value switch
        {
            HoconScalar scalar => scalar.Text,
            HoconArray array => "[" + string.Join(", ", array.Items.Select(Value)) + "]",
            _ => "{...}",
        };
        return text.Length <= MaxValueChars ? text : text[..(MaxValueChars - 3)] + "...";
    }
}
