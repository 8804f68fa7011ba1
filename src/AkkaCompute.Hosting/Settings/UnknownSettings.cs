using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Finds settings under <c>akc</c> that the reference configuration does not define, so that a
/// typo such as <c>akc.executor.max-concurent</c> stops the node instead of being ignored.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>Throws for the first setting under <c>akc</c> (in document order) that is not in <paramref name="known"/>.</summary>
    /// <param name="config">The merged configuration.</param>
    /// <param name="known">The full paths of every known setting.</param>
    /// <exception cref="SettingsException">An unknown key; the message suggests the closest known key.</exception>
    public static void Check(HoconObject config, IReadOnlyList<HoconPath> known)
    {
        if (!config.TryGetValue(ReferenceConfig.Root, out var akc)) return;
        var knownSet = known.ToHashSet();
        var sections = known.SelectMany(Prefixes).ToHashSet();
        var pending = new Stack<(HoconValue Value, HoconPath Path)>();
        pending.Push((akc, HoconPath.Root.Append(ReferenceConfig.Root)));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (knownSet.Contains(path)) continue;
            if (!sections.Contains(path))
                throw new SettingsException(value.Origin, path.ToString(), SettingsFormat.Value(value), "is not a known setting" + Suggest(path, known));
            if (value is not HoconObject obj)
                throw new SettingsException(value.Origin, path.ToString(), SettingsFormat.Value(value), "must be an object (it is a section of settings)");
            foreach (var key in obj.Keys.Reverse())
            {
                obj.TryGetField(key, out var child);
                pending.Push((child!, path.Append(key)));
            }
        }
    }

    private static IEnumerable<HoconPath> Prefixes(HoconPath path)
    {
        for (var n = 1; n < path.Count; n++) yield return new HoconPath(path.Segments.Take(n));
    }

    private static string Suggest(HoconPath path, IReadOnlyList<HoconPath> known) =>
        KeySuggestions.Closest(path.ToString(), known.Select(k => k.ToString())) is { } best ? $" (did you mean '{best}'?)" : "";
}
