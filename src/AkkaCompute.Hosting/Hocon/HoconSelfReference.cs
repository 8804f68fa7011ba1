namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A self-referential substitution (<c>a = ${a} x</c>, <c>a += x</c>, <c>a = ${a.b}</c>), which
/// looks back at the value the field had just before this definition instead of at its final value.
/// </summary>
internal sealed class HoconSelfReference : HoconUnresolved
{
    public HoconSelfReference(HoconValue? previous, HoconSubstitution substitution)
        : base(substitution.Origin)
    {
        Previous = previous;
        Substitution = substitution;
    }

    /// <summary>The earlier value at the substitution's path (possibly unresolved), or null when there was none.</summary>
    public HoconValue? Previous { get; }

    /// <summary>The substitution as written.</summary>
    public HoconSubstitution Substitution { get; }
}
