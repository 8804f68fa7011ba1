namespace AkkaCompute.Hosting.Hocon;

/// <summary>
/// Applies the members of an object literal, in document order, to a growing root object:
/// dotted keys become nested objects, duplicate keys merge (<see cref="HoconMerge"/>), included
/// members are applied in place with their substitutions fixed up to the include's location,
/// <c>a += x</c> becomes <c>a = ${?a} [x]</c>, and self-referential substitutions capture the value
/// the field had just before (<see cref="HoconSelfReference"/>). Substitutions are resolved later
/// by <see cref="HoconResolver"/>.
/// </summary>
internal sealed class HoconTreeBuilder
{
    private readonly bool _detectSelfReferences;
    private HoconPath _includePrefix;
    private HoconObject _root;

    private HoconTreeBuilder(HoconOrigin origin, HoconPath includePrefix, bool detectSelfReferences)
    {
        _root = HoconObject.Empty(origin);
        _includePrefix = includePrefix;
        _detectSelfReferences = detectSelfReferences;
    }

    /// <summary>Builds the unresolved root object of a document.</summary>
    /// <param name="document">The parsed root literal.</param>
    /// <returns>The root with duplicates merged; may still contain unresolved nodes.</returns>
    public static HoconObject BuildRoot(HoconObjectLiteral document)
    {
        var builder = new HoconTreeBuilder(document.Origin, HoconPath.Root, detectSelfReferences: true);
        builder.ApplyMembers(document.Members, HoconPath.Root);
        return builder._root;
    }

    private void ApplyMembers(IReadOnlyList<HoconMember> members, HoconPath basePath)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case HoconInclude include:
                    var saved = _includePrefix;
                    _includePrefix = basePath;
                    ApplyMembers(include.Members, basePath);
                    _includePrefix = saved;
                    break;
                case HoconField field:
                    ApplyField(basePath.Append(field.Key), field);
                    break;
            }
        }
    }

    private void ApplyField(HoconPath path, HoconField field)
    {
        if (field.IsAppend)
        {
            var element = Convert(field.Value, path, selfReferenceCandidate: false);
            var array = new HoconArray([element], element.Origin);
            var previous = Lookup(_root, path);
            var appended = previous is null
                ? (HoconValue)array
                : new HoconConcatenation([new HoconSelfReference(previous, new HoconSubstitution(path, true, field.Origin)), array], field.Origin);
            Set(path, appended);
            return;
        }
        if (field.Value is HoconObjectLiteral literal)
        {
            // An object value is applied in place so that its fields see (and merge with) earlier values.
            Set(path, HoconObject.Empty(literal.Origin));
            ApplyMembers(literal.Members, path);
            return;
        }
        Set(path, Convert(field.Value, path, selfReferenceCandidate: true));
    }

    private void Set(HoconPath path, HoconValue value)
    {
        for (var i = path.Count - 1; i >= 0; i--) value = HoconObject.Single(path.Segments[i], value, value.Origin);
        _root = HoconMerge.Objects(_root, (HoconObject)value);
    }

    // Prepares a parsed value for the tree. Only substitutions at the top level of a field's value
    // (alone or in a concatenation) can be self-referential; those inside arrays or objects cannot.
    private HoconValue Convert(HoconValue value, HoconPath fieldPath, bool selfReferenceCandidate)
    {
        switch (value)
        {
            case HoconSubstitution substitution:
                var fixedUp = substitution.RelativeTo(_includePrefix);
                var target = fixedUp.Candidates[0];
                if (_detectSelfReferences && selfReferenceCandidate && target.StartsWith(fieldPath))
                    return new HoconSelfReference(Lookup(_root, target), fixedUp);
                return fixedUp;
            case HoconConcatenation concatenation:
                return new HoconConcatenation(
                    concatenation.Parts.Select(p => Convert(p, fieldPath, selfReferenceCandidate)).ToList(), concatenation.Origin);
            case HoconArray array:
                return new HoconArray(array.Items.Select(i => Convert(i, fieldPath, false)), array.Origin);
            case HoconObjectLiteral literal:
                var nested = new HoconTreeBuilder(literal.Origin, _includePrefix, detectSelfReferences: false);
                nested.ApplyMembers(literal.Members, HoconPath.Root);
                return nested._root;
            default:
                return value;
        }
    }

    // The value currently at a path, looking into unresolved values lazily.
    private static HoconValue? Lookup(HoconValue node, HoconPath path)
    {
        for (var i = 0; i < path.Count; i++)
        {
            switch (node)
            {
                case HoconObject obj:
                    if (!obj.TryGetField(path.Segments[i], out var child)) return null;
                    node = child;
                    break;
                case HoconUnresolved:
                    return new HoconPathLookup(node, path.Skip(i));
                default:
                    return null;
            }
        }
        return node;
    }
}
