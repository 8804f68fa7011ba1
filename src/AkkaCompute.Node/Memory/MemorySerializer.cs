using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using AkkaCompute.Compute.Memory;
using AkkaCompute.Compute.Protocol;

namespace AkkaCompute.Node.Memory;

/// <summary>
/// Serializes the shared memory's values (<see cref="MemoryEntry"/>, inside Akka.DistributedData's last-writer-wins map)
/// and requests (<see cref="MemoryGet"/>, <see cref="MemorySet"/>, <see cref="MemoryDelete"/>, <see cref="MemoryList"/> and their
/// replies) as UTF-8 JSON (System.Text.Json, metadata generated at compile time). Manifests <c>akc.memory-entry.v1</c>,
/// <c>akc.memory-get.v1</c>, <c>akc.memory-set.v1</c>, <c>akc.memory-delete.v1</c>, <c>akc.memory-list.v1</c>,
/// <c>akc.memory-value.v1</c>, <c>akc.memory-written.v1</c>, <c>akc.memory-failed.v1</c>, <c>akc.memory-listing.v1</c>.
/// Bound in the node's configuration (<c>akka.actor.serialization-bindings</c>, serializer <c>akc-memory</c>, id 4703).
/// </summary>
public sealed class MemorySerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's id in <c>akka.actor.serialization-identifiers</c>: 4703.</summary>
    public const int Id = 4703;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(MemoryEntry)] = "akc.memory-entry.v1",
        [typeof(MemoryGet)] = "akc.memory-get.v1",
        [typeof(MemorySet)] = "akc.memory-set.v1",
        [typeof(MemoryDelete)] = "akc.memory-delete.v1",
        [typeof(MemoryList)] = "akc.memory-list.v1",
        [typeof(MemoryValue)] = "akc.memory-value.v1",
        [typeof(MemoryWritten)] = "akc.memory-written.v1",
        [typeof(MemoryFailed)] = "akc.memory-failed.v1",
        [typeof(MemoryListing)] = "akc.memory-listing.v1",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>Created by Akka's serialization extension.</summary>
    /// <param name="system">The actor system.</param>
    public MemorySerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not one of the types listed above.</exception>
    public override byte[] ToBinary(object obj) => Manifests.ContainsKey(obj.GetType())
        ? JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), MemoryJsonContext.Default)
        : throw new ArgumentException($"{nameof(MemorySerializer)} cannot serialize {obj.GetType()}", nameof(obj));

    /// <inheritdoc />
    /// <exception cref="SerializationException">Unknown manifest, or bytes that are not a message of that kind.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"memory message with unknown manifest '{manifest}'");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type, MemoryJsonContext.Default) ?? throw new SerializationException($"memory message '{manifest}' is null");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"memory message '{manifest}' is not valid JSON of its kind: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="o"/> is not one of the types listed above.</exception>
    public override string Manifest(object o) => Manifests.TryGetValue(o.GetType(), out var manifest)
        ? manifest
        : throw new ArgumentException($"{nameof(MemorySerializer)} has no manifest for {o.GetType()}", nameof(o));
}

/// <summary>Generated System.Text.Json metadata of the shared memory's values and messages.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MemoryEntry))]
[JsonSerializable(typeof(MemoryGet))]
[JsonSerializable(typeof(MemorySet))]
[JsonSerializable(typeof(MemoryDelete))]
[JsonSerializable(typeof(MemoryList))]
[JsonSerializable(typeof(MemoryValue))]
[JsonSerializable(typeof(MemoryWritten))]
[JsonSerializable(typeof(MemoryFailed))]
[JsonSerializable(typeof(MemoryListing))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
