using System.Collections.Concurrent;

namespace AkkaCompute.Remote.Serialization;

/// <summary>
/// The type manifests of <see cref="JsonMessageSerializer"/> and <see cref="ProtobufSerializer"/>:
/// <c>Type.FullName + ", " + assembly simple name</c>, e.g. <c>MyApp.Ping, MyApp</c>, cached in both directions so that
/// the hot path allocates nothing after the first message of a type. Resolution from the wire applies
/// <see cref="WireTypePolicy"/>.
/// </summary>
internal static class TypeManifest
{
    /// <summary>
    /// Resolved manifests kept in the cache. Past this count, new manifests are still resolved (and checked) but not
    /// cached, so a peer sending endless distinct type names cannot grow memory without bound.
    /// </summary>
    public const int MaxCachedManifests = 4096;

    /// <summary>
    /// Longest manifest resolved, in chars; longer ones are refused before any type loading. Bounds the work (and the
    /// generic instantiations) one manifest can make the runtime do.
    /// </summary>
    public const int MaxManifestChars = 2048;

    private static readonly ConcurrentDictionary<Type, string> ManifestByType = new();
    private static readonly ConcurrentDictionary<string, Type> TypeByManifest = new(StringComparer.Ordinal);

    /// <summary>The manifest of <paramref name="type"/>; cached.</summary>
    public static string Of(Type type) => ManifestByType.GetOrAdd(type, static t => t.FullName + ", " + t.Assembly.GetName().Name);

    /// <summary>Resolves <paramref name="manifest"/> to a type that <see cref="WireTypePolicy"/> accepts.</summary>
    /// <param name="manifest">The manifest from the wire.</param>
    /// <param name="serializerId">The id of the calling serializer, for the exception.</param>
    /// <exception cref="SerializationFailedException">No type of that name can be loaded (UnknownManifest), or the manifest is longer than <see cref="MaxManifestChars"/> or the policy refuses the type (RefusedManifest).</exception>
    public static Type Resolve(string manifest, int serializerId)
    {
        if (TypeByManifest.TryGetValue(manifest, out var cached))
        {
            return cached;
        }

        if (manifest.Length > MaxManifestChars)
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.RefusedManifest,
                $"the manifest is {manifest.Length} chars long, over the limit of {MaxManifestChars}");
        }

        var type = Load(manifest);
        if (type is null)
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.UnknownManifest,
                "no type of that name could be loaded (expected 'Namespace.Type, AssemblyName')");
        }

        if (WireTypePolicy.RefusalReason(type) is { } reason)
        {
            throw new SerializationFailedException(serializerId, manifest, SerializationFailureReason.RefusedManifest,
                reason + "; such types are unsafe to materialize from the wire");
        }

        if (TypeByManifest.Count < MaxCachedManifests)
        {
            TypeByManifest.TryAdd(manifest, type);
        }

        return type;
    }

    private static Type? Load(string manifest)
    {
        if (manifest.Length == 0)
        {
            return null;
        }

        try
        {
            return Type.GetType(manifest, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or TypeLoadException)
        {
            // Malformed names and unloadable assemblies throw even with throwOnError false.
            return null;
        }
    }
}
