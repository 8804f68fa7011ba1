using System.Collections.Concurrent;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// An immutable set of type-to-serializer bindings plus a cache of the answers for concrete message types. A new binding
/// makes a new instance (with an empty cache), so readers never see a stale answer once the swap is published.
/// </summary>
internal sealed class SerializerBindings
{
    private readonly KeyValuePair<Type, Serializer>[] _bindings;
    private readonly Serializer _fallback;
    private readonly ConcurrentDictionary<Type, Serializer> _cache = new();

    /// <summary>Creates bindings with no entries: every type gets <paramref name="fallback"/>.</summary>
    public SerializerBindings(Serializer fallback)
        : this([], fallback)
    {
    }

    private SerializerBindings(KeyValuePair<Type, Serializer>[] bindings, Serializer fallback)
    {
        _bindings = bindings;
        _fallback = fallback;
    }

    /// <summary>A copy with <paramref name="type"/> bound to <paramref name="serializer"/> (replacing an earlier binding of the same type).</summary>
    public SerializerBindings With(Type type, Serializer serializer) =>
        new([.. _bindings.Where(b => b.Key != type), new(type, serializer)], _fallback);

    /// <summary>The serializer for messages of the concrete type <paramref name="type"/>; cached.</summary>
    /// <exception cref="InvalidOperationException">Two or more equally specific bindings with different serializers match.</exception>
    public Serializer Find(Type type) =>
        _cache.TryGetValue(type, out var cached) ? cached : _cache.GetOrAdd(type, Compute(type));

    private Serializer Compute(Type type)
    {
        var matches = _bindings.Where(b => b.Key.IsAssignableFrom(type)).ToList();
        if (matches.Count == 0)
        {
            return _fallback;
        }

        // Most specific: no other match is a subtype of it (e.g. a base class loses to the class, an interface to a derived interface).
        var mostSpecific = matches
            .Where(m => !matches.Any(other => other.Key != m.Key && m.Key.IsAssignableFrom(other.Key)))
            .ToList();
        if (mostSpecific.Select(m => m.Value).Distinct().Count() > 1)
        {
            var listed = string.Join(", ", mostSpecific.Select(m => $"{m.Key} -> {m.Value}"));
            throw new InvalidOperationException(
                $"Ambiguous serializer bindings for {type}: {listed}. Bind {type} (or a more specific base type) explicitly.");
        }

        return mostSpecific[0].Value;
    }
}
