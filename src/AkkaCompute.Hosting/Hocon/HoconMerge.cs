namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// HOCON's duplicate-key rule: a later value replaces an earlier one, except that two objects
/// merge field by field (recursively). When the later value is still unresolved (a substitution
/// or concatenation that may turn out to be an object, or an optional substitution that may turn
/// out undefined and leave the earlier value in place), or an object follows an unresolved value,
/// the two are kept as a <see cref="HoconDelayedMerge"/> and merged after resolution.
/// </summary>
internal static class HoconMerge
{
    /// <summary>The value of a field defined as <paramref name="existing"/> and then as <paramref name="incoming"/>.</summary>
    /// <param name="existing">The earlier value, or null when the field is new.</param>
    /// <param name="incoming">The later value.</param>
    /// <returns>The merged value (possibly a <see cref="HoconDelayedMerge"/>).</returns>
    public static HoconValue Values(HoconValue? existing, HoconValue incoming)
    {
        if (existing is null) return incoming;
        return incoming switch
        {
            HoconObject obj => existing switch
            {
                HoconObject earlier => Objects(earlier, obj),
                HoconDelayedMerge { Items: var items } when items[^1] is HoconObject last =>
                    new HoconDelayedMerge([.. items.Take(items.Count - 1), Objects(last, obj)]),
                HoconUnresolved => Delay(existing, obj),
                _ => obj,
            },
            // Kept together even over a scalar: an undefined ${?x} leaves the earlier value in place.
            HoconUnresolved => Delay(existing, incoming),
            _ => incoming,
        };
    }

    /// <summary>Merges two objects: fields of <paramref name="over"/> win, fields present in both merge by <see cref="Values"/>.</summary>
    public static HoconObject Objects(HoconObject fallback, HoconObject over)
    {
        var result = fallback;
        foreach (var key in over.Keys)
        {
            over.TryGetField(key, out var value);
            fallback.TryGetField(key, out var earlier);
            result = result.With(key, Values(earlier, value!));
        }
        return result;
    }

    private static HoconDelayedMerge Delay(HoconValue existing, HoconValue incoming) =>
        existing is HoconDelayedMerge merge
            ? new HoconDelayedMerge([.. merge.Items, incoming])
            : new HoconDelayedMerge([existing, incoming]);
}
