namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Two or more values written on one line (<c>foo bar</c>, <c>${a} [4]</c>, <c>${base} { x = 1 }</c>).
/// Resolves to a string, a concatenated array or a merged object.
/// </summary>
internal sealed class HoconConcatenation : HoconUnresolved
{
    public HoconConcatenation(IReadOnlyList<HoconValue> parts, HoconOrigin origin)
        : base(origin)
    {
        Parts = parts;
    }

    /// <summary>The parts in order, including <see cref="HoconWhitespace"/> between them; never leading or trailing whitespace.</summary>
    public IReadOnlyList<HoconValue> Parts { get; }
}
