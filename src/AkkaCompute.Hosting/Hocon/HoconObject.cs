using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// An immutable HOCON object: keys in the order they were first defined, each with a value.
/// The typed getters (<see cref="GetString"/>, <see cref="GetDuration"/>, ...) are in
/// <c>HoconObject.Getters.cs</c> and take path expressions relative to this object.
/// </summary>
public sealed partial class HoconObject : HoconValue
{
    private readonly ImmutableDictionary<string, HoconValue> _fields;
    private readonly ImmutableList<string> _keys;

    private HoconObject(HoconOrigin origin, ImmutableDictionary<string, HoconValue> fields, ImmutableList<string> keys, HoconPath location)
        : base(origin)
    {
        _fields = fields;
        _keys = keys;
        Location = location;
    }

    /// <summary>An object with no fields.</summary>
    /// <param name="origin">Where it was written.</param>
    /// <returns>The empty object.</returns>
    public static HoconObject Empty(HoconOrigin origin) =>
        new(origin, ImmutableDictionary.Create<string, HoconValue>(StringComparer.Ordinal), ImmutableList<string>.Empty, HoconPath.Root);

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Object;

    /// <summary>The keys in the order they were first defined.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Number of fields.</summary>
    public int Count => _keys.Count;

    /// <summary>
    /// Where this object sits in the document it was taken from (set by <see cref="GetObject"/>);
    /// used to give full paths in error messages. <see cref="HoconPath.Root"/> for a parsed document.
    /// </summary>
    public HoconPath Location { get; }

    /// <summary>Looks up one key (not a path: dots are not special here).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether the key is present (a null value counts as present).</returns>
    public bool TryGetField(string key, [NotNullWhen(true)] out HoconValue? value) => _fields.TryGetValue(key, out value);

    /// <summary>
    /// Merges this object over <paramref name="fallback"/> exactly as if the fallback's fields had been
    /// written first in the same file: fields of this object win, nested objects merge.
    /// </summary>
    /// <param name="fallback">The defaults, e.g. a reference configuration.</param>
    /// <returns>The merged object.</returns>
    public HoconObject WithFallback(HoconObject fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return HoconMerge.Objects(fallback, this);
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (added at the end when new).</summary>
    internal HoconObject With(string key, HoconValue value) =>
        new(Origin, _fields.SetItem(key, value), _fields.ContainsKey(key) ? _keys : _keys.Add(key), Location);

    /// <summary>A copy without <paramref name="key"/>.</summary>
    internal HoconObject Without(string key) =>
        _fields.ContainsKey(key) ? new(Origin, _fields.Remove(key), _keys.Remove(key), Location) : this;

    /// <summary>A copy that reports <paramref name="location"/> as its place in the document.</summary>
    internal HoconObject AtLocation(HoconPath location) => new(Origin, _fields, _keys, location);

    /// <summary>An object with one field.</summary>
    internal static HoconObject Single(string key, HoconValue value, HoconOrigin origin) => Empty(origin).With(key, value);
}
