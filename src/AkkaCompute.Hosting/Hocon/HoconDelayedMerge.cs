namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Successive definitions of one field that cannot be merged until substitutions are resolved,
/// e.g. <c>a = ${base}</c> followed by <c>a.x = 1</c>. Later items override earlier ones; adjacent
/// objects merge; a non-object hides everything before it.
/// </summary>
internal sealed class HoconDelayedMerge : HoconUnresolved
{
    public HoconDelayedMerge(IReadOnlyList<HoconValue> items)
        : base(items[0].Origin)
    {
        Items = items;
    }

    /// <summary>The definitions, earliest first; at least two.</summary>
    public IReadOnlyList<HoconValue> Items { get; }
}
