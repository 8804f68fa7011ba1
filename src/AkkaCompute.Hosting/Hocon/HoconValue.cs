namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// A HOCON value: <see cref="HoconObject"/>, <see cref="HoconArray"/> or <see cref="HoconScalar"/>.
/// Values returned by <see cref="HoconParser"/> are immutable and fully resolved (no substitutions
/// remain). Only this assembly can derive from it.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin ?? throw new ArgumentNullException(nameof(origin));
    }

    /// <summary>Where the value was written (for a substituted scalar: where the substitution was written).</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The JSON type of the value.</summary>
    /// <exception cref="InvalidOperationException">Only for parser-internal unresolved nodes, which never escape the parser.</exception>
    public abstract HoconValueType Type { get; }

    /// <summary>A short name of the type for error messages: "object", "array", "string", "number", "boolean" or "null".</summary>
    internal virtual string Describe() => Type.ToString().ToLowerInvariant();
}
