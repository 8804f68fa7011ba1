namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// "The value at <see cref="Path"/> inside <see cref="Source"/>", where the source was still
/// unresolved when a self-reference captured it. Resolves to undefined when the path is absent.
/// </summary>
internal sealed class HoconPathLookup : HoconUnresolved
{
    public HoconPathLookup(HoconValue source, HoconPath path)
        : base(source.Origin)
    {
        Source = source;
        Path = path;
    }

    /// <summary>The unresolved value to look inside.</summary>
    public HoconValue Source { get; }

    /// <summary>The path to follow after resolving <see cref="Source"/>; at least one key.</summary>
    public HoconPath Path { get; }
}
