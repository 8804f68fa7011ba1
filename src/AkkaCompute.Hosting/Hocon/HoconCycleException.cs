namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Internal signal that a substitution led back to a path still being resolved. An optional
/// substitution treats it as undefined; otherwise <see cref="HoconResolver"/> turns it into a
/// <see cref="HoconParseException"/> naming the cycle.
/// </summary>
internal sealed class HoconCycleException : Exception
{
    public HoconCycleException(IReadOnlyList<HoconPath> cycle)
        : base($"substitution cycle: {string.Join(" -> ", cycle)}")
    {
        Cycle = cycle;
    }

    /// <summary>The paths in the cycle; the first and last are the same path.</summary>
    public IReadOnlyList<HoconPath> Cycle { get; }

    /// <summary>The innermost substitution that closed the cycle (set as the exception passes it).</summary>
    public HoconOrigin? Origin { get; set; }
}
