namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Parses HOCON sizes in bytes (spec section "Size in bytes format"): a number followed by an
/// optional unit; a bare number means bytes. Decimal units are powers of 10: <c>kB</c> (also
/// accepted as <c>KB</c>), <c>MB</c>, <c>GB</c>, <c>TB</c>, <c>PB</c>, <c>EB</c> and their long names
/// (<c>kilobytes</c>, ...). Binary units are powers of 2: <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>/<c>kibibyte(s)</c>,
/// and likewise M, G, T, P, E. Single bytes: <c>B</c>, <c>b</c>, <c>byte</c>, <c>bytes</c>.
/// A fractional result is truncated toward zero (<c>1.5KiB</c> = 1536, <c>0.5B</c> = 0).
/// </summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size, e.g. <c>"4MiB"</c> (4,194,304), <c>"4MB"</c> (4,000,000), <c>"512"</c> (bytes).</summary>
    /// <param name="text">The value text.</param>
    /// <returns>The size in bytes.</returns>
    /// <exception cref="FormatException">No number, or an unknown unit (the message lists examples of valid ones).</exception>
    /// <exception cref="OverflowException">The size does not fit in a <see cref="long"/>.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HoconUnits.TrySplit(text, out var number, out var unit, out var error))
            throw new FormatException($"invalid size: {error}");
        if (!BytesPerUnit.TryGetValue(unit.Length == 0 ? "B" : unit, out var factor))
            throw new FormatException($"invalid size '{text}': unknown unit '{unit}' (use B, kB/MB/GB/TB for powers of 10, or K/M/G/T, KiB/MiB/GiB/TiB for powers of 2)");
        decimal bytes;
        try
        {
            bytes = decimal.Truncate(number * factor);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"size '{text}' is too large");
        }
        if (bytes > long.MaxValue || bytes < long.MinValue)
            throw new OverflowException($"size '{text}' does not fit in 64 bits");
        return (long)bytes;
    }

    /// <summary>Like <see cref="Parse"/>, without exceptions.</summary>
    /// <param name="text">The value text (null gives false).</param>
    /// <param name="value">The size in bytes when valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid size.</returns>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
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
        foreach (var name in new[] { "B", "b", "byte", "bytes" }) units[name] = 1;
        var prefixes = new[]
        {
            ("k", "K", "kilo", "kibi"), ("M", "M", "mega", "mebi"), ("G", "G", "giga", "gibi"),
            ("T", "T", "tera", "tebi"), ("P", "P", "peta", "pebi"), ("E", "E", "exa", "exbi"),
        };
        decimal power10 = 1, power2 = 1;
        foreach (var (decimalLetter, binaryLetter, decimalName, binaryName) in prefixes)
        {
            power10 *= 1000;
            power2 *= 1024;
            foreach (var name in new[] { decimalLetter + "B", decimalName + "byte", decimalName + "bytes" }) units[name] = power10;
            var lower = binaryLetter.ToLowerInvariant();
            foreach (var name in new[] { binaryLetter, lower, binaryLetter + "i", binaryLetter + "iB", binaryName + "byte", binaryName + "bytes" })
                units[name] = power2;
        }
        units["KB"] = 1000; // not in the spec; accepted as the common spelling of kB
        return units;
    }
}
