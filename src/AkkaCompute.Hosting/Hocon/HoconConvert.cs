using System.Globalization;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>HOCON's automatic conversions from a scalar's text to numbers and booleans.</summary>
internal static class HoconConvert
{
    /// <summary>Parses a whole number: an integer, or a number with no fractional part such as <c>1e3</c>.</summary>
    public static bool TryInt64(string text, out long value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
            d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Parses a finite floating-point number in invariant culture.</summary>
    public static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses <c>true</c>/<c>yes</c>/<c>on</c> and <c>false</c>/<c>no</c>/<c>off</c> (as Lightbend config does).</summary>
    public static bool TryBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
