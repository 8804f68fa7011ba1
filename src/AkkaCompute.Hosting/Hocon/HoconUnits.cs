using System.Globalization;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// The HOCON "units format": optional whitespace, a number, optional whitespace, an optional unit
/// made only of letters, optional whitespace (e.g. <c>"500ms"</c>, <c>" 1.5 GiB "</c>, <c>"10"</c>).
/// </summary>
internal static class HoconUnits
{
    /// <summary>Splits a value into its number and unit.</summary>
    /// <param name="text">The value text.</param>
    /// <param name="number">The number (sign, digits, optional fraction and exponent).</param>
    /// <param name="unit">The unit letters, or "" when there is none.</param>
    /// <param name="error">Why the text does not match, when it does not.</param>
    /// <returns>Whether the text matches the units format.</returns>
    public static bool TrySplit(string text, out decimal number, out string unit, out string error)
    {
        number = 0;
        unit = "";
        var trimmed = text.Trim();
        var split = trimmed.Length;
        while (split > 0 && char.IsLetter(trimmed[split - 1])) split--;
        var numberText = trimmed[..split].TrimEnd();
        unit = trimmed[split..];
        if (numberText.Length == 0)
        {
            error = $"'{text}' does not start with a number";
            return false;
        }
        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = $"'{numberText}' is not a number (or is too large)";
            return false;
        }
        error = "";
        return true;
    }
}
