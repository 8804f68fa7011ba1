namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// An object as written (<c>{ ... }</c> or a file's root): its fields and includes in order, before
/// duplicate keys are merged. <see cref="HoconTreeBuilder"/> turns it into a <see cref="HoconObject"/>.
/// </summary>
internal sealed class HoconObjectLiteral : HoconUnresolved
{
    public HoconObjectLiteral(IReadOnlyList<HoconMember> members, HoconOrigin origin)
        : base(origin)
    {
        Members = members;
    }

    /// <summary>Fields and includes in document order.</summary>
    public IReadOnlyList<HoconMember> Members { get; }
}
