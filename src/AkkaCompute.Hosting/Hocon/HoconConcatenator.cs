using System.Text;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Combines the resolved parts of a value concatenation: all simple values make a string
/// (whitespace between them kept, an undefined optional part counts as ""), all arrays make one
/// array, all objects merge left to right. Unquoted whitespace between arrays or objects is ignored.
/// </summary>
internal static class HoconConcatenator
{
    /// <summary>Combines the parts.</summary>
    /// <param name="parts">Resolved parts in order; null for an undefined optional substitution; <see cref="HoconWhitespace"/> as written.</param>
    /// <param name="origin">Where the concatenation starts.</param>
    /// <param name="path">The field the concatenation is the value of, when known (for the error message).</param>
    /// <returns>The combined value, or null when every non-whitespace part is undefined.</returns>
    /// <exception cref="HoconParseException">Arrays, objects and simple values are mixed.</exception>
    public static HoconValue? Combine(IReadOnlyList<HoconValue?> parts, HoconOrigin origin, HoconPath? path = null)
    {
        var values = parts.Where(p => p is not null and not HoconWhitespace).Select(p => p!).ToList();
        if (values.Count == 0) return null;
        if (values.All(v => v is HoconObject))
            return values.Cast<HoconObject>().Aggregate(HoconMerge.Objects);
        if (values.All(v => v is HoconArray))
            return new HoconArray(values.Cast<HoconArray>().SelectMany(a => a.Items), values[0].Origin);
        if (values.Any(v => v is HoconObject or HoconArray))
        {
            var kinds = string.Join(", ", values.Select(v => v.Describe()));
            var where = path is null || path.Count == 0 ? "" : $" in the value of '{path}'";
            throw new HoconParseException(origin, $"cannot concatenate {kinds}{where}: a value concatenation must be all simple values (giving a string), all arrays or all objects");
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part switch
            {
                null => "",
                HoconWhitespace ws => ws.Text,
                HoconScalar scalar => scalar.Text,
                _ => "",
            });
        }
        return HoconScalar.String(text.ToString(), origin);
    }
}
