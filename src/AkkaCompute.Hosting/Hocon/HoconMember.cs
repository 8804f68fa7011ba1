namespace AkkaCompute.Hosting.Hocon;

/// <summary>One entry of an object literal: a field or an include.</summary>
/// <param name="Origin">Where the entry starts (its key, or the <c>include</c> keyword).</param>
internal abstract record HoconMember(HoconOrigin Origin);

/// <summary><c>key = value</c>, <c>key : value</c>, <c>key { ... }</c> or <c>key += value</c>.</summary>
/// <param name="Key">The key path relative to the enclosing object.</param>
/// <param name="Value">The value as parsed (may be an object literal, concatenation or substitution).</param>
/// <param name="IsAppend">True for <c>+=</c>.</param>
/// <param name="Origin">Where the key starts.</param>
internal sealed record HoconField(HoconPath Key, HoconValue Value, bool IsAppend, HoconOrigin Origin) : HoconMember(Origin);

/// <summary>An include statement, with the included file's root members (empty when an optional file is missing).</summary>
/// <param name="Members">The included root object's members.</param>
/// <param name="Origin">Where the <c>include</c> keyword is.</param>
internal sealed record HoconInclude(IReadOnlyList<HoconMember> Members, HoconOrigin Origin) : HoconMember(Origin);
