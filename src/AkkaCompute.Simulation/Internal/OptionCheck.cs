using System.Globalization;

namespace AkkaCompute.Simulation.Internal;

/// <summary>Validation helpers whose errors name the key, the value and the constraint.</summary>
internal static class OptionCheck
{
    public static void Probability(string key, double value)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw Fail(key, value, "must be a probability between 0 and 1");
        }
    }

    public static void NonNegative(string key, double value)
    {
        if (!(value >= 0.0 && double.IsFinite(value)))
        {
            throw Fail(key, value, "must be finite and >= 0");
        }
    }

    public static void Positive(string key, double value)
    {
        if (!(value > 0.0 && double.IsFinite(value)))
        {
            throw Fail(key, value, "must be finite and > 0");
        }
    }

    public static void AtLeast(string key, long value, long min)
    {
        if (value < min)
        {
            throw Fail(key, value, "must be >= " + min.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static ArgumentException Fail(string key, object value, string constraint) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} is invalid: {constraint}"), key);
}
