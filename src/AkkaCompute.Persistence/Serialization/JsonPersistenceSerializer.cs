using System.Collections.Concurrent;
using System.Text.Json;

namespace AkkaCompute.Persistence;

/// <summary>
/// The default <see cref="IPersistenceSerializer"/>: UTF-8 JSON through System.Text.Json. The manifest of a type is
/// <c>"{Type.FullName}, {assembly simple name}"</c> (e.g. <c>"MyApp.TaskAccepted, MyApp"</c>) unless the type is bound to a
/// stable name with <see cref="Bind{T}(string)"/>. Names of renamed or moved types are kept readable with
/// <see cref="Alias{T}(string)"/>. Register bindings and aliases before the first use; both are thread-safe.
/// </summary>
public sealed class JsonPersistenceSerializer : IPersistenceSerializer
{
    private readonly JsonSerializerOptions _options;
    private readonly ConcurrentDictionary<Type, string> _manifestByType = new();
    private readonly ConcurrentDictionary<string, Type> _typeByManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Type> _bound = new(StringComparer.Ordinal);

    /// <summary>Creates a serializer.</summary>
    /// <param name="options">JSON options; null for System.Text.Json's general defaults.</param>
    public JsonPersistenceSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);
    }

    /// <summary>
    /// Writes <typeparamref name="T"/> with the manifest <paramref name="manifest"/> and reads that manifest back as
    /// <typeparamref name="T"/>, so stored data does not depend on the CLR name.
    /// </summary>
    /// <returns>This serializer, for chaining.</returns>
    /// <exception cref="ArgumentException">The manifest is empty, or already bound or aliased to another type.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is already bound to another manifest, or was already serialized under its default name.</exception>
    public JsonPersistenceSerializer Bind<T>(string manifest) => Bind(typeof(T), manifest);

    /// <inheritdoc cref="Bind{T}(string)"/>
    public JsonPersistenceSerializer Bind(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        Register(type, manifest);
        if (!_manifestByType.TryAdd(type, manifest) && _manifestByType[type] != manifest)
        {
            throw new InvalidOperationException($"type {type.FullName} is already written with the manifest '{_manifestByType[type]}'; bind it before first use, once");
        }

        return this;
    }

    /// <summary>
    /// Reads data stored with <paramref name="manifest"/> (e.g. a type's old name) as <typeparamref name="T"/>.
    /// Writing is not affected.
    /// </summary>
    /// <returns>This serializer, for chaining.</returns>
    /// <exception cref="ArgumentException">The manifest is empty, or already bound or aliased to another type.</exception>
    public JsonPersistenceSerializer Alias<T>(string manifest) => Alias(typeof(T), manifest);

    /// <inheritdoc cref="Alias{T}(string)"/>
    public JsonPersistenceSerializer Alias(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        Register(type, manifest);
        return this;
    }

    /// <summary>The manifest written for <paramref name="type"/>: its bound name, or <c>"{FullName}, {assembly name}"</c>.</summary>
    /// <exception cref="PersistenceSerializationException">The type has no full name (an open generic parameter).</exception>
    public string ManifestFor(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _manifestByType.GetOrAdd(type, static t => DefaultManifest(t));
    }

    /// <inheritdoc />
    public SerializedPayload Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = payload.GetType();
        var manifest = ManifestFor(type);
        try
        {
            return new SerializedPayload(JsonSerializer.SerializeToUtf8Bytes(payload, type, _options), manifest);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new PersistenceSerializationException(manifest, $"cannot serialize a {type.FullName} as JSON: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public object Deserialize(ReadOnlySpan<byte> data, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var type = ResolveType(manifest);
        try
        {
            return JsonSerializer.Deserialize(data, type, _options)
                ?? throw new PersistenceSerializationException(manifest, $"the stored JSON for manifest '{manifest}' is null");
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new PersistenceSerializationException(manifest, $"cannot read the stored JSON as {type.FullName}: {e.Message}", e);
        }
    }

    /// <summary>Resolves <paramref name="manifest"/> to a type: a binding or alias first, then the CLR type name.</summary>
    /// <exception cref="PersistenceSerializationException">No loaded type has this name and no binding or alias matches.</exception>
    public Type ResolveType(string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (_typeByManifest.TryGetValue(manifest, out var cached))
        {
            return cached;
        }

        Type? type;
        try
        {
            type = Type.GetType(manifest, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or TypeLoadException)
        {
            type = null;
        }

        return type is null
            ? throw new PersistenceSerializationException(manifest, $"unknown manifest '{manifest}': no loaded type has this name and no Bind/Alias registers it (register the type's old name with JsonPersistenceSerializer.Alias after a rename)")
            : _typeByManifest.GetOrAdd(manifest, type);
    }

    private void Register(Type type, string manifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        var existing = _bound.GetOrAdd(manifest, type);
        if (existing != type)
        {
            throw new ArgumentException($"manifest '{manifest}' is already registered for {existing.FullName}, cannot register it for {type.FullName}", nameof(manifest));
        }

        _typeByManifest[manifest] = type;
    }

    private static string DefaultManifest(Type type) =>
        type.FullName is { } name
            ? $"{name}, {type.Assembly.GetName().Name}"
            : throw new PersistenceSerializationException(null, $"type {type} has no full name and cannot be given a manifest");
}
