namespace AkkaCompute.Hosting.Hocon;

/// <summary>How each kind of value resolves.</summary>
internal sealed partial class HoconResolver
{
    // path is the value's absolute path when it is the final value there (so children are memoised), else null.
    private HoconValue? Resolve(HoconValue node, HoconPath? path) => node switch
    {
        HoconScalar => node,
        HoconObject obj => ResolveObject(obj, path),
        HoconArray array => new HoconArray(array.Items.Select(i => Resolve(i, null)).OfType<HoconValue>(), array.Origin),
        HoconSubstitution substitution => ResolveSubstitution(substitution),
        HoconSelfReference self => ResolveSelfReference(self),
        HoconPathLookup lookup => ResolvePathLookup(lookup),
        HoconConcatenation concatenation => HoconConcatenator.Combine(
            concatenation.Parts.Select(p => p is HoconWhitespace ? p : Resolve(p, null)).ToList(), concatenation.Origin, path),
        HoconDelayedMerge merge => ResolveMerge(merge),
        _ => throw new InvalidOperationException($"unexpected {node.GetType().Name} at {node.Origin}"),
    };

    private HoconObject ResolveObject(HoconObject obj, HoconPath? path)
    {
        var result = obj;
        foreach (var key in obj.Keys)
        {
            obj.TryGetField(key, out var child);
            var value = path is null ? Resolve(child!, null) : ResolveAt(path.Append(key), child!);
            if (value is null) result = result.Without(key);
            else if (!ReferenceEquals(value, child)) result = result.With(key, value);
        }
        return result;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        foreach (var candidate in substitution.Candidates)
        {
            HoconValue? found;
            try
            {
                found = Lookup(candidate);
            }
            catch (HoconCycleException cycle)
            {
                cycle.Origin ??= substitution.Origin;
                if (substitution.Optional) return null;
                throw;
            }
            if (found is not null) return Restamp(found, substitution.Origin);
        }
        return FromEnvironment(substitution, () =>
        {
            var places = string.Join("' or '", substitution.Candidates.Select(c => c.ToString()));
            return $"could not resolve substitution {substitution}: no setting at '{places}' and no environment variable '{string.Join('.', substitution.Path.Segments)}'";
        });
    }

    private HoconValue? ResolveSelfReference(HoconSelfReference self)
    {
        var previous = self.Previous is null ? null : Resolve(self.Previous, null);
        if (previous is not null) return Restamp(previous, self.Origin);
        var substitution = self.Substitution;
        return FromEnvironment(substitution, () =>
            $"could not resolve substitution {substitution}: it refers to the field being defined, which has no earlier value, and there is no environment variable '{string.Join('.', substitution.Path.Segments)}'");
    }

    private HoconValue? FromEnvironment(HoconSubstitution substitution, Func<string> missingReason)
    {
        var fromEnvironment = Environment(substitution.Path);
        if (fromEnvironment is not null) return HoconScalar.String(fromEnvironment, substitution.Origin);
        if (substitution.Optional) return null;
        throw new HoconParseException(substitution.Origin, missingReason());
    }

    private HoconValue? ResolvePathLookup(HoconPathLookup lookup)
    {
        var current = Resolve(lookup.Source, null);
        foreach (var key in lookup.Path.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetField(key, out var child)) return null;
            current = child;
        }
        return current;
    }

    // Later items win; adjacent objects merge; a non-object hides everything before it.
    private HoconValue? ResolveMerge(HoconDelayedMerge merge)
    {
        HoconValue? result = null;
        for (var i = merge.Items.Count - 1; i >= 0; i--)
        {
            var value = Resolve(merge.Items[i], null);
            if (value is null) continue;
            if (result is null) result = value;
            else if (value is HoconObject earlier) result = HoconMerge.Objects(earlier, (HoconObject)result);
            else break;
            if (result is not HoconObject) break;
        }
        return result;
    }

    private static HoconValue Restamp(HoconValue value, HoconOrigin origin) =>
        value is HoconScalar scalar ? scalar.WithOrigin(origin) : value;
}
