using System.Diagnostics.CodeAnalysis;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>Path lookup on <see cref="HoconObject"/>.</summary>
public sealed partial class HoconObject
{
    /// <summary>Looks up a path expression relative to this object, e.g. <c>akka.cluster.roles</c>.</summary>
    /// <param name="path">A path expression; dots separate keys, quoted parts keep their dots.</param>
    /// <param name="value">The value when found (a HOCON null counts as found).</param>
    /// <returns>Whether every key on the path exists.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a valid path expression.</exception>
    public bool TryGetValue(string path, [NotNullWhen(true)] out HoconValue? value) =>
        TryGetValue(HoconPath.Parse(path), out value);

    /// <summary>Looks up a parsed path relative to this object.</summary>
    /// <param name="path">The path; <see cref="HoconPath.Root"/> returns this object.</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether every key on the path exists.</returns>
    public bool TryGetValue(HoconPath path, [NotNullWhen(true)] out HoconValue? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        HoconValue current = this;
        foreach (var key in path.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetField(key, out var child))
            {
                value = null;
                return false;
            }
            current = child;
        }
        value = current;
        return true;
    }

    /// <summary>True when the path exists and its value is not null (as in Lightbend's <c>hasPath</c>).</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>Whether a non-null value is present.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a valid path expression.</exception>
    public bool HasPath(string path) => TryGetValue(path, out var value) && value is not HoconScalar { IsNull: true };

    /// <summary>The value at a path.</summary>
    /// <param name="path">A path expression relative to this object.</param>
    /// <returns>The value (possibly a HOCON null).</returns>
    /// <exception cref="HoconPathException">The path does not exist; the message names the full path and the file.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a valid path expression.</exception>
    public HoconValue GetValue(string path)
    {
        var parsed = HoconPath.Parse(path);
        if (TryGetValue(parsed, out var value)) return value;
        throw new HoconPathException(Location.Append(parsed).ToString(), null, $"is missing (in the configuration read from {Origin.File})");
    }
}
