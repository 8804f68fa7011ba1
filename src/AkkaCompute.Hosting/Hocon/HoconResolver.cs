namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Resolves every substitution in a built root (<see cref="HoconTreeBuilder"/>) against the whole
/// root: substitutions look forward to a path's final value, each path is resolved once and
/// memoised, a substitution not found in the document falls back to the injected environment
/// lookup, and a path that leads back to itself is a cycle. Undefined optional values remove their
/// field or array element. Value-specific rules live in <c>HoconResolver.Values.cs</c>.
/// </summary>
/// <remarks>
/// Limitation: a substitution that points into a field whose own value is still a substitution or
/// concatenation being resolved (e.g. <c>a = ${base} { x = 1, y = ${a.x} }</c>) is reported as a
/// cycle, because the concatenation is resolved as a whole.
/// </remarks>
internal sealed partial class HoconResolver
{
    /// <summary>How many substitutions may be resolved inside each other before resolution fails.</summary>
    public const int MaxDepth = 512;

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconPath, HoconValue?> _resolved = new();
    private readonly List<HoconPath> _inProgress = new();

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves a whole document.</summary>
    /// <param name="root">The unresolved root.</param>
    /// <param name="environment">Looks up an environment variable by name; null or empty means "not set".</param>
    /// <returns>The fully resolved root.</returns>
    /// <exception cref="HoconParseException">An unresolved required substitution, a cycle, an invalid concatenation, or nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment)
    {
        var resolver = new HoconResolver(root, environment);
        try
        {
            return (HoconObject?)resolver.ResolveAt(HoconPath.Root, root) ?? HoconObject.Empty(root.Origin);
        }
        catch (HoconCycleException e)
        {
            throw new HoconParseException(e.Origin ?? root.Origin, e.Message);
        }
    }

    // The final value at an absolute path, memoised; null when undefined.
    private HoconValue? ResolveAt(HoconPath path, HoconValue node)
    {
        if (node is HoconScalar) return node;
        if (_resolved.TryGetValue(path, out var done)) return done;
        var index = _inProgress.IndexOf(path);
        if (index >= 0) throw new HoconCycleException([.. _inProgress.Skip(index), path]);
        if (_inProgress.Count >= MaxDepth)
            throw new HoconParseException(node.Origin, $"substitutions are nested more than {MaxDepth} deep at '{path}'");
        _inProgress.Add(path);
        try
        {
            var value = Resolve(node, path);
            _resolved[path] = value;
            return value;
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
    }

    // Looks up an absolute path, resolving only what lies on the way (not whole enclosing objects).
    private HoconValue? Lookup(HoconPath path)
    {
        HoconValue current = _root;
        for (var i = 0; i < path.Count; i++)
        {
            var prefix = new HoconPath(path.Segments.Take(i + 1));
            if (!_resolved.TryGetValue(prefix, out var child))
            {
                if (current is not HoconObject obj || !obj.TryGetField(path.Segments[i], out var raw)) return null;
                child = i == path.Count - 1 || raw is HoconUnresolved ? ResolveAt(prefix, raw) : raw;
            }
            if (child is null) return null;
            current = child;
        }
        return current;
    }

    private string? Environment(HoconPath path)
    {
        var value = _environment(string.Join('.', path.Segments));
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
