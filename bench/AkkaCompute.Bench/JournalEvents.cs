using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace AkkaCompute.Bench;

/// <summary>A task lifecycle state as the journal bench records it (a stand-in for the engine's own).</summary>
public enum BenchTaskState : byte
{
    /// <summary>Accepted (durable before the client's ack).</summary>
    Accepted = 1,

    /// <summary>Running on an executor.</summary>
    Running = 2,

    /// <summary>Finished successfully.</summary>
    Succeeded = 3,
}

/// <summary>One task lifecycle transition (about 60 bytes of JSON).</summary>
/// <param name="Id">The task id.</param>
/// <param name="State">The state the task entered.</param>
/// <param name="Attempt">Attempt number, from 1.</param>
/// <param name="AtMs">When, in Unix milliseconds.</param>
public sealed record TaskTransition(string Id, BenchTaskState State, int Attempt, long AtMs);

/// <summary>
/// One journal event holding many transitions (up to <see cref="MaxTransitions"/>): the batching the HistoryActor will
/// use so that the journal writes one row per batch, not one per transition.
/// </summary>
/// <param name="Transitions">The transitions, oldest first.</param>
public sealed record TransitionBatch(TaskTransition[] Transitions)
{
    /// <summary>Most transitions one event holds; the bench's writers never put more in one.</summary>
    public const int MaxTransitions = 256;
}

/// <summary>System.Text.Json source-generated metadata for the journal bench's events (camelCase, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TransitionBatch))]
public sealed partial class JournalBenchJson : JsonSerializerContext;

/// <summary>
/// The journal bench's Akka serializer: <see cref="TransitionBatch"/> as UTF-8 JSON through <see cref="JournalBenchJson"/>
/// (bound in HOCON <c>serialization-bindings</c>; never Akka's Newtonsoft default). One type, so no manifest.
/// </summary>
/// <param name="system">The actor system that created it (Akka passes it).</param>
public sealed class TransitionBatchSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Serializer id (unique in the system; Akka's own ids are below 100).</summary>
    public const int Id = 9102;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <summary>The JSON bytes of <paramref name="batch"/> (the raw baseline stores the same bytes).</summary>
    public static byte[] Encode(TransitionBatch batch) => JsonSerializer.SerializeToUtf8Bytes(batch, JournalBenchJson.Default.TransitionBatch);

    /// <summary>The batch in <paramref name="json"/>.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">The bytes are not a batch.</exception>
    public static TransitionBatch Decode(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, JournalBenchJson.Default.TransitionBatch)
        ?? throw new System.Runtime.Serialization.SerializationException("a journal row held JSON null, not a transition batch");

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is TransitionBatch batch
        ? Encode(batch)
        : throw new ArgumentException($"{nameof(TransitionBatchSerializer)} serializes {nameof(TransitionBatch)} only, not {obj?.GetType().FullName ?? "null"}", nameof(obj));

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => Decode(bytes);
}

/// <summary>
/// The history projection both replays fold into: each task's latest state, and how many transitions were applied.
/// </summary>
public sealed class BenchProjection
{
    private readonly Dictionary<string, BenchTaskState> _states = new(StringComparer.Ordinal);

    /// <summary>Transitions applied so far.</summary>
    public long Transitions { get; private set; }

    /// <summary>Tasks seen so far.</summary>
    public int Tasks => _states.Count;

    /// <summary>Applies every transition of <paramref name="batch"/>.</summary>
    public void Apply(TransitionBatch batch)
    {
        foreach (var t in batch.Transitions)
        {
            _states[t.Id] = t.State;
        }

        Transitions += batch.Transitions.Length;
    }
}
