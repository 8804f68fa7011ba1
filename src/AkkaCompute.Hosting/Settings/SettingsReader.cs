using System.Text.RegularExpressions;
using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Reads the settings of one section (e.g. <c>akc.executor</c>) with their constraints; every
/// violation is a <see cref="SettingsException"/> naming the value's origin, the full key, the
/// value and the constraint. Keys are relative to the section.
/// </summary>
internal sealed class SettingsReader(HoconObject root, string section)
{
    /// <summary>Most entries in a list setting.</summary>
    public const int MaxListEntries = 1000;

    /// <summary>Longest regular expression in a pattern list.</summary>
    public const int MaxPatternChars = 1000;

    /// <summary>The full key of a setting of this section.</summary>
    public string FullKey(string key) => section.Length == 0 ? key : section + "." + key;

    /// <summary>The value at a key; a missing key is an error (the reference configuration defines every key).</summary>
    public HoconValue Value(string key) =>
        root.TryGetValue(FullKey(key), out var value)
            ? value
            : throw new SettingsException(null, FullKey(key), null, "is missing (it is defined in reference.conf; was the reference configuration replaced?)");

    /// <summary>An error about the value at <paramref name="key"/>.</summary>
    public SettingsException Error(string key, string constraint)
    {
        var value = Value(key);
        return new SettingsException(value.Origin, FullKey(key), SettingsFormat.Value(value), constraint);
    }

    /// <summary>A whole number in [min, max].</summary>
    public long Long(string key, long min, long max)
    {
        if (!HoconConvert.TryInt64(Text(key, "must be a whole number"), out var value)) throw Error(key, "must be a whole number");
        if (value < min) throw Error(key, $"must be at least {SettingsFormat.Number(min)}");
        if (value > max) throw Error(key, $"must be at most {SettingsFormat.Number(max)}");
        return value;
    }

    /// <summary>A whole number in [min, max] (both within <see cref="int"/>).</summary>
    public int Int(string key, int min, int max) => (int)Long(key, min, max);

    /// <summary>A boolean: true/yes/on or false/no/off.</summary>
    public bool Bool(string key) =>
        HoconConvert.TryBoolean(Text(key, "must be a boolean"), out var value) ? value : throw Error(key, "must be true or false (or yes/no, on/off)");

    /// <summary>A duration in [min, max]; when <paramref name="positive"/>, also greater than 0.</summary>
    public TimeSpan Duration(string key, TimeSpan max, bool positive = true)
    {
        if (!HoconDuration.TryParse(Text(key, "must be a duration"), out var value))
            throw Error(key, "must be a duration such as 500ms, 30s or 10m");
        if (positive && value <= TimeSpan.Zero) throw Error(key, "must be greater than 0");
        if (value < TimeSpan.Zero) throw Error(key, "must not be negative");
        if (value > max) throw Error(key, $"must be at most {SettingsFormat.Duration(max)}");
        return value;
    }

    /// <summary>A size in bytes in [min, max].</summary>
    public long Size(string key, long min, long max)
    {
        if (!HoconSize.TryParse(Text(key, "must be a size"), out var value))
            throw Error(key, "must be a size such as 512KiB or 4MiB");
        if (value < min) throw Error(key, $"must be at least {SettingsFormat.Size(min)}");
        if (value > max) throw Error(key, $"must be at most {SettingsFormat.Size(max)}");
        return value;
    }

    /// <summary>A string, or null when the setting is the HOCON <c>null</c>.</summary>
    public string? OptionalString(string key) =>
        Value(key) is HoconScalar { IsNull: true } ? null : Text(key, "must be a string");

    /// <summary>A list of at most <see cref="MaxListEntries"/> strings.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        if (Value(key) is not HoconArray array) throw Error(key, "must be a list such as [\"a\", \"b\"]");
        if (array.Count > MaxListEntries) throw Error(key, $"must have at most {SettingsFormat.Number(MaxListEntries)} entries (has {array.Count})");
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array.Items[i] is not HoconScalar { IsNull: false } item)
                throw new SettingsException(array.Items[i].Origin, $"{FullKey(key)}[{i}]", SettingsFormat.Value(array.Items[i]), "must be a string");
            result.Add(item.Text);
        }
        return result;
    }

    /// <summary>A list of valid .NET regular expressions, each at most <see cref="MaxPatternChars"/> characters.</summary>
    public IReadOnlyList<string> PatternList(string key)
    {
        var patterns = StringList(key);
        var array = (HoconArray)Value(key);
        for (var i = 0; i < patterns.Count; i++)
        {
            var item = array.Items[i];
            string? problem = patterns[i].Length > MaxPatternChars ? $"must be at most {MaxPatternChars} characters" : null;
            try
            {
                if (problem is null) _ = new Regex(patterns[i], RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                problem = $"must be a valid .NET regular expression ({e.Message})";
            }
            if (problem is not null) throw new SettingsException(item.Origin, $"{FullKey(key)}[{i}]", SettingsFormat.Value(item), problem);
        }
        return patterns;
    }

    private string Text(string key, string expected) =>
        Value(key) is HoconScalar { IsNull: false } scalar ? scalar.Text : throw Error(key, expected);
}
