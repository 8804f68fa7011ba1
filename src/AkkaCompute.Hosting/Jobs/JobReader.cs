using AkkaCompute.Hosting.Hocon;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Hosting.Jobs;

/// <summary>
/// Typed reads of optional job-file values. A missing or null key gives null; a bad value is
/// recorded in <see cref="Errors"/> as <c>context: key = value: constraint</c> at the value's origin
/// and also gives null, so that parsing continues and every problem is reported at once.
/// </summary>
internal sealed class JobReader(JobErrors errors)
{
    /// <summary>Most entries in a list or map value.</summary>
    public const int MaxEntries = 100_000;

    public JobErrors Errors { get; } = errors;

    /// <summary>The value of a key, or null when missing or the HOCON null.</summary>
    public static HoconValue? Get(HoconObject obj, string key) =>
        obj.TryGetField(key, out var value) && value is not HoconScalar { IsNull: true } ? value : null;

    /// <summary>Records a problem with <paramref name="value"/>.</summary>
    public void Bad(string context, string key, HoconValue value, string constraint) =>
        Errors.Add(value.Origin, $"{context}: {key} = {Show(value)}: {constraint}");

    /// <summary>Records every key of <paramref name="obj"/> not in <paramref name="allowed"/>, suggesting the closest.</summary>
    public void CheckKeys(HoconObject obj, IReadOnlyCollection<string> allowed, string context)
    {
        foreach (var key in obj.Keys)
        {
            if (allowed.Contains(key)) continue;
            obj.TryGetField(key, out var value);
            var hint = KeySuggestions.Closest(key, allowed) is { } best ? $" (did you mean '{best}'?)" : $" (allowed: {string.Join(", ", allowed)})";
            Errors.Add(value!.Origin, $"{context}: unknown key '{key}'{hint}");
        }
    }

    public string? String(HoconObject obj, string key, string context, int maxLength)
    {
        if (Get(obj, key) is not { } value) return null;
        if (value is not HoconScalar scalar) return Fail<string>(context, key, value, "must be a string");
        if (scalar.Text.Length == 0) return Fail<string>(context, key, value, "must not be empty");
        return scalar.Text.Length <= maxLength ? scalar.Text : Fail<string>(context, key, value, $"must be at most {SettingsFormat.Number(maxLength)} characters");
    }

    public long? Long(HoconObject obj, string key, string context, long min, long max)
    {
        if (Get(obj, key) is not { } value) return null;
        if (value is not HoconScalar scalar || !HoconConvert.TryInt64(scalar.Text, out var n))
            return FailValue<long>(context, key, value, "must be a whole number");
        if (n < min || n > max)
            return FailValue<long>(context, key, value, $"must be between {SettingsFormat.Number(min)} and {SettingsFormat.Number(max)}");
        return n;
    }

    public int? Int(HoconObject obj, string key, string context, int min, int max) =>
        Long(obj, key, context, min, max) is { } n ? (int)n : null;

    public bool? Bool(HoconObject obj, string key, string context)
    {
        if (Get(obj, key) is not { } value) return null;
        return value is HoconScalar scalar && HoconConvert.TryBoolean(scalar.Text, out var b)
            ? b
            : FailValue<bool>(context, key, value, "must be true or false");
    }

    /// <summary>A duration greater than 0 and at most <paramref name="max"/>.</summary>
    public TimeSpan? Duration(HoconObject obj, string key, string context, TimeSpan max)
    {
        if (Get(obj, key) is not { } value) return null;
        if (value is not HoconScalar scalar || !HoconDuration.TryParse(scalar.Text, out var d))
            return FailValue<TimeSpan>(context, key, value, "must be a duration such as 500ms, 30s or 10m");
        if (d <= TimeSpan.Zero) return FailValue<TimeSpan>(context, key, value, "must be greater than 0");
        return d <= max ? d : FailValue<TimeSpan>(context, key, value, $"must be at most {SettingsFormat.Duration(max)}");
    }

    public IReadOnlyList<string>? StringList(HoconObject obj, string key, string context, int maxCount = MaxEntries)
    {
        if (Get(obj, key) is not { } value) return null;
        if (value is not HoconArray array) return Fail<IReadOnlyList<string>>(context, key, value, "must be a list of strings such as [\"a\", \"b\"]");
        if (array.Count > maxCount) return Fail<IReadOnlyList<string>>(context, key, value, $"must have at most {SettingsFormat.Number(maxCount)} entries");
        var result = new List<string>(array.Count);
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array.Items[i] is HoconScalar { IsNull: false, Text.Length: > 0 } item) result.Add(item.Text);
            else
            {
                Bad(context, $"{key}[{i}]", array.Items[i], "must be a non-empty string");
                ok = false;
            }
        }
        return ok ? result : null;
    }

    /// <summary>An object of simple values (environment variables): keys without '=', values as text.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(HoconObject obj, string key, string context)
    {
        if (Get(obj, key) is not { } value) return null;
        if (value is not HoconObject map) return Fail<IReadOnlyDictionary<string, string>>(context, key, value, "must be an object such as { NAME = value }");
        if (map.Count > 1000) return Fail<IReadOnlyDictionary<string, string>>(context, key, value, "must have at most 1,000 entries");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var name in map.Keys)
        {
            map.TryGetField(name, out var item);
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
            {
                Bad(context, $"{key}.\"{name}\"", item!, "an environment variable name must be non-empty, without '=' or NUL");
                ok = false;
            }
            else if (item is HoconScalar { IsNull: false } scalar) result[name] = scalar.Text;
            else
            {
                Bad(context, $"{key}.{name}", item!, "must be a string, number or boolean");
                ok = false;
            }
        }
        return ok ? result : null;
    }

    public HoconObject? Object(HoconObject obj, string key, string context)
    {
        if (Get(obj, key) is not { } value) return null;
        return value as HoconObject ?? Fail<HoconObject>(context, key, value, "must be an object { ... }");
    }

    public HoconArray? Array(HoconObject obj, string key, string context)
    {
        if (Get(obj, key) is not { } value) return null;
        return value as HoconArray ?? Fail<HoconArray>(context, key, value, "must be a list [ ... ]");
    }

    /// <summary>A value rendered for a message: scalars as text (quoted when it has spaces), lists and objects abbreviated.</summary>
    public static string Show(HoconValue value)
    {
        var text = value switch
        {
            HoconScalar { Type: HoconValueType.String } s => s.Text.Length == 0 || s.Text.Any(char.IsWhiteSpace) ? $"\"{s.Text}\"" : s.Text,
            HoconScalar s => s.Text,
            HoconArray a => $"[{a.Count} items]",
            _ => "{...}",
        };
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private T? Fail<T>(string context, string key, HoconValue value, string constraint) where T : class
    {
        Bad(context, key, value, constraint);
        return null;
    }

    private T? FailValue<T>(string context, string key, HoconValue value, string constraint) where T : struct
    {
        Bad(context, key, value, constraint);
        return null;
    }
}
