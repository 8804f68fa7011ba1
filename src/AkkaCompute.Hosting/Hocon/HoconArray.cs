using System.Collections.Immutable;

namespace AkkaCompute.Hosting.Hocon;

/// <summary>An immutable HOCON array, e.g. <c>[1, 2, 3]</c>. Elements keep their own origins.</summary>
public sealed class HoconArray : HoconValue
{
    /// <summary>Creates an array.</summary>
    /// <param name="items">The elements in order; must not be null.</param>
    /// <param name="origin">Where the array (its <c>[</c>) was written.</param>
    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        Items = items?.ToImmutableArray() ?? throw new ArgumentNullException(nameof(items));
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Array;

    /// <summary>The elements in order.</summary>
    public ImmutableArray<HoconValue> Items { get; }

    /// <summary>Number of elements.</summary>
    public int Count => Items.Length;
}
