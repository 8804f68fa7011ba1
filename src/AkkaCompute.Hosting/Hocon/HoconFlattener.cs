using Microsoft.Extensions.Configuration;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Flattens a resolved HOCON tree into configuration keys joined by
/// <see cref="ConfigurationPath.KeyDelimiter"/> (<c>':'</c>), with array elements indexed
/// <c>0, 1, 2, ...</c>, the convention <c>ConfigurationBinder</c> expects. Empty objects and arrays
/// become a key with a null value, as the JSON configuration provider does.
/// </summary>
public static class HoconFlattener
{
    /// <summary>Flattens a document.</summary>
    /// <param name="root">A resolved object, e.g. from <see cref="HoconParser.Parse"/>.</param>
    /// <returns>One entry per leaf, in document order.</returns>
    public static IReadOnlyList<HoconFlatEntry> Flatten(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var entries = new List<HoconFlatEntry>();
        foreach (var key in root.Keys)
        {
            root.TryGetField(key, out var value);
            Visit(key, value!, entries);
        }
        return entries;
    }

    private static void Visit(string key, HoconValue value, List<HoconFlatEntry> entries)
    {
        switch (value)
        {
            case HoconObject { Count: 0 }:
            case HoconArray { Count: 0 }:
                entries.Add(new HoconFlatEntry(key, null, value.Origin));
                break;
            case HoconObject obj:
                foreach (var child in obj.Keys)
                {
                    obj.TryGetField(child, out var childValue);
                    Visit(ConfigurationPath.Combine(key, child), childValue!, entries);
                }
                break;
            case HoconArray array:
                for (var i = 0; i < array.Count; i++)
                    Visit(ConfigurationPath.Combine(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), array.Items[i], entries);
                break;
            case HoconScalar scalar:
                entries.Add(new HoconFlatEntry(key, scalar.IsNull ? null : scalar.Text, scalar.Origin));
                break;
        }
    }
}
