namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Base of the parser-internal nodes that exist only between parsing and substitution resolution
/// (substitutions, concatenations, delayed merges, ...). They never appear in a value returned by
/// <see cref="HoconParser"/>.
/// </summary>
internal abstract class HoconUnresolved : HoconValue
{
    protected HoconUnresolved(HoconOrigin origin)
        : base(origin)
    {
    }

    /// <inheritdoc />
    public override HoconValueType Type =>
        throw new InvalidOperationException($"{GetType().Name} at {Origin} has not been resolved");

    /// <inheritdoc />
    internal override string Describe() => "unresolved value";
}
