using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using AkkaCompute.Compute.History;

namespace AkkaCompute.Node.History;

/// <summary>
/// Serializes the history journal's rows (<see cref="TasksAccepted"/>, <see cref="TaskEventBatch"/>) as UTF-8 JSON with
/// <see cref="HistoryJson.Options"/> (System.Text.Json with compile-time generated metadata), under stable manifests
/// (<see cref="AcceptedManifest"/>, <see cref="EventsManifest"/>) so rows stay readable when types move. Bound in the
/// node's configuration (<c>akka.actor.serialization-bindings</c>); Akka's Newtonsoft default is never used for them.
/// </summary>
public sealed class HistorySerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's id in <c>akka.actor.serialization-identifiers</c>: 4701 (ids below 100 are Akka's).</summary>
    public const int Id = 4701;

    /// <summary>Manifest of <see cref="TasksAccepted"/> rows.</summary>
    public const string AcceptedManifest = "akc.accepted.v1";

    /// <summary>Manifest of <see cref="TaskEventBatch"/> rows.</summary>
    public const string EventsManifest = "akc.events.v1";

    /// <summary>Created by Akka's serialization extension.</summary>
    /// <param name="system">The actor system.</param>
    public HistorySerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a history row.</exception>
    public override byte[] ToBinary(object obj) => obj switch
    {
        TasksAccepted a => JsonSerializer.SerializeToUtf8Bytes(a, HistoryJson.Options),
        TaskEventBatch b => JsonSerializer.SerializeToUtf8Bytes(b, HistoryJson.Options),
        _ => throw new ArgumentException($"{nameof(HistorySerializer)} cannot serialize {obj.GetType()}", nameof(obj)),
    };

    /// <inheritdoc />
    /// <exception cref="SerializationException">Unknown manifest, or bytes that are not a row of that kind.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                AcceptedManifest => (object?)JsonSerializer.Deserialize<TasksAccepted>(bytes, HistoryJson.Options),
                EventsManifest => JsonSerializer.Deserialize<TaskEventBatch>(bytes, HistoryJson.Options),
                _ => null,
            } ?? throw new SerializationException($"history row with unknown manifest '{manifest}' or null content");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"history row '{manifest}' is not valid JSON of its kind: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="o"/> is not a history row.</exception>
    public override string Manifest(object o) => o switch
    {
        TasksAccepted => AcceptedManifest,
        TaskEventBatch => EventsManifest,
        _ => throw new ArgumentException($"{nameof(HistorySerializer)} has no manifest for {o.GetType()}", nameof(o)),
    };
}
