namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. Looked up at each of <see cref="Candidates"/> in order, then in
/// the environment under <see cref="Path"/>'s text.
/// </summary>
internal sealed class HoconSubstitution : HoconUnresolved
{
    public HoconSubstitution(HoconPath path, bool optional, HoconOrigin origin)
        : this(path, optional, new[] { path }, origin)
    {
    }

    private HoconSubstitution(HoconPath path, bool optional, IReadOnlyList<HoconPath> candidates, HoconOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        Candidates = candidates;
    }

    /// <summary>The path as written.</summary>
    public HoconPath Path { get; }

    /// <summary>True for <c>${?path}</c>: an undefined result removes the field instead of failing.</summary>
    public bool Optional { get; }

    /// <summary>Absolute paths to try in order: for a substitution from a file included at <c>a.b</c>, <c>a.b.path</c> then <c>path</c>.</summary>
    public IReadOnlyList<HoconPath> Candidates { get; }

    /// <summary>The same substitution as written in a file included under <paramref name="prefix"/>.</summary>
    public HoconSubstitution RelativeTo(HoconPath prefix) =>
        prefix.Count == 0 ? this : new HoconSubstitution(Path, Optional, new[] { prefix.Append(Path), Path }, Origin);

    /// <summary>The text as written, e.g. <c>${?a.b}</c>.</summary>
    public override string ToString() => Optional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
