using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using AkkaCompute.Compute.Distributed;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Node.Cluster;

/// <summary>
/// Serializes the messages that cross nodes (a home and a task's owner, a client and its contact node) as UTF-8 JSON
/// (System.Text.Json, metadata generated at compile time) under stable manifests, so that Akka's Newtonsoft default is
/// never used for them. Bound in the node's configuration (<c>akka.actor.serialization-bindings</c>).
/// Manifests: <c>akc.run.v1</c> <see cref="RunTasks"/>, <c>akc.stop.v1</c> <see cref="StopRemoteTask"/>,
/// <c>akc.started.v1</c> <see cref="AttemptStarted"/>, <c>akc.finished.v1</c> <see cref="AttemptFinished"/>,
/// <c>akc.progress.v1</c> <see cref="AttemptProgress"/>,
/// <c>akc.refused.v1</c> <see cref="EnqueueRefused"/>, <c>akc.submit.v1</c> <see cref="SubmitBatch"/>,
/// <c>akc.batch-accepted.v1</c> <see cref="BatchAccepted"/>, <c>akc.batch-refused.v1</c> <see cref="BatchRefused"/>,
/// <c>akc.clock.v1</c> <see cref="MerkleClockData"/> (a JSON object of node to counter); for clients:
/// <see cref="GetMembership"/>, <see cref="MembershipSnapshot"/>, <see cref="GetNodeStatus"/>, <see cref="NodeStatus"/>,
/// <see cref="GetTaskResult"/>, <see cref="TaskResult"/>, <see cref="TaskNotFinished"/>, <see cref="CancelTask"/>,
/// <see cref="CancelResult"/> (manifests <c>akc.get-membership.v1</c>, <c>akc.membership.v1</c>, <c>akc.get-status.v1</c>,
/// <c>akc.status.v1</c>, <c>akc.get-result.v1</c>, <c>akc.result.v1</c>, <c>akc.not-finished.v1</c>, <c>akc.cancel.v1</c>,
/// <c>akc.cancel-result.v1</c>), <see cref="GetClock"/> and <see cref="ClockView"/> (<c>akc.get-clock.v1</c>, <c>akc.clock-view.v1</c>); for work stealing
/// <see cref="LoadReport"/>, <see cref="StealRequest"/>, <see cref="TaskMoved"/> (<c>akc.load.v1</c>, <c>akc.steal.v1</c>, <c>akc.moved.v1</c>);
/// <see cref="AttemptReports"/> (<c>akc.reports.v1</c>); <see cref="GetClusterStats"/> and <see cref="ClusterStats"/>
/// (<c>akc.get-cluster-stats.v1</c>, <c>akc.cluster-stats.v1</c>); <see cref="GetTaskResults"/> and <see cref="TaskResults"/> (<c>akc.get-results.v1</c>, <c>akc.results.v1</c>); <see cref="WatchResults"/> and <see cref="ResultsPushed"/> (<c>akc.watch-results.v1</c>, <c>akc.results-pushed.v1</c>);
/// durable acceptance (<see cref="AcceptedReplicaActor"/>): <see cref="ReplicateAccepted"/>, <see cref="AcceptedHeld"/>, <see cref="ReplicateFinished"/>,
/// <see cref="ForgetAccepted"/>, <see cref="GetAcceptedOf"/>, <see cref="AcceptedOf"/> (<c>akc.replicate-accepted.v1</c>, <c>akc.accepted-held.v1</c>,
/// <c>akc.replicate-finished.v1</c>, <c>akc.forget-accepted.v1</c>, <c>akc.get-accepted-of.v1</c>, <c>akc.accepted-of.v1</c>);
/// <see cref="GetClusterHistory"/> and <see cref="Compute.History.HistoryQueryResult"/> (<c>akc.get-history.v1</c>, <c>akc.history.v1</c>);
/// results shared between the members' caches, <see cref="SharedCacheEntries"/> (<c>akc.cache-entries.v1</c>).
/// </summary>
public sealed class ClusterMessageSerializer : SerializerWithStringManifest
{
    /// <summary>This serializer's id in <c>akka.actor.serialization-identifiers</c>: 4702.</summary>
    public const int Id = 4702;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(RunTasks)] = "akc.run.v1",
        [typeof(StopRemoteTask)] = "akc.stop.v1",
        [typeof(AttemptStarted)] = "akc.started.v1",
        [typeof(AttemptFinished)] = "akc.finished.v1",
        [typeof(AttemptProgress)] = "akc.progress.v1",
        [typeof(EnqueueRefused)] = "akc.refused.v1",
        [typeof(SubmitBatch)] = "akc.submit.v1",
        [typeof(BatchAccepted)] = "akc.batch-accepted.v1",
        [typeof(BatchRefused)] = "akc.batch-refused.v1",
        [typeof(GetMembership)] = "akc.get-membership.v1",
        [typeof(MembershipSnapshot)] = "akc.membership.v1",
        [typeof(GetNodeStatus)] = "akc.get-status.v1",
        [typeof(NodeStatus)] = "akc.status.v1",
        [typeof(GetTaskResult)] = "akc.get-result.v1",
        [typeof(TaskResult)] = "akc.result.v1",
        [typeof(TaskNotFinished)] = "akc.not-finished.v1",
        [typeof(CancelTask)] = "akc.cancel.v1",
        [typeof(CancelResult)] = "akc.cancel-result.v1",
        [typeof(GetClock)] = "akc.get-clock.v1",
        [typeof(GetClusterStats)] = "akc.get-cluster-stats.v1",
        [typeof(ClusterStats)] = "akc.cluster-stats.v1",
        [typeof(LoadReport)] = "akc.load.v1",
        [typeof(AttemptReports)] = "akc.reports.v1",
        [typeof(GetTaskResults)] = "akc.get-results.v1",
        [typeof(TaskResults)] = "akc.results.v1",
        [typeof(WatchResults)] = "akc.watch-results.v1",
        [typeof(ResultsPushed)] = "akc.results-pushed.v1",
        [typeof(StealRequest)] = "akc.steal.v1",
        [typeof(TaskMoved)] = "akc.moved.v1",
        [typeof(ClockView)] = "akc.clock-view.v1",
        [typeof(ReplicateAccepted)] = "akc.replicate-accepted.v1",
        [typeof(AcceptedHeld)] = "akc.accepted-held.v1",
        [typeof(ReplicateFinished)] = "akc.replicate-finished.v1",
        [typeof(ForgetAccepted)] = "akc.forget-accepted.v1",
        [typeof(GetAcceptedOf)] = "akc.get-accepted-of.v1",
        [typeof(AcceptedOf)] = "akc.accepted-of.v1",
        [typeof(GetClusterHistory)] = "akc.get-history.v1",
        [typeof(Compute.History.HistoryQueryResult)] = "akc.history.v1",
        [typeof(SharedCacheEntries)] = "akc.cache-entries.v1",
    };

    private const string ClockManifest = "akc.clock.v1";

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    /// <summary>The bytes of the messages a home sends to every replica, by message object (see <see cref="ToBinary"/>).</summary>
    private static readonly ConditionalWeakTable<object, byte[]> Broadcast = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        // As the generated context's, so that its fast-path serializers are used.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ClusterJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Created by Akka's serialization extension.</summary>
    /// <param name="system">The actor system.</param>
    public ClusterMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    /// <remarks>
    /// A home sends each <see cref="ReplicateAccepted"/> and <see cref="ReplicateFinished"/> to every other member, and
    /// Akka.Remote serializes a message once per destination: their bytes are kept with the message object (weakly, until
    /// it is collected), so a batch is serialized once however many replicas it goes to. Messages are immutable records,
    /// so the bytes cannot go stale.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not one of the messages listed above.</exception>
    public override byte[] ToBinary(object obj) =>
        obj is ReplicateAccepted or ReplicateFinished ? Broadcast.GetValue(obj, Serialize) : Serialize(obj);

    private static byte[] Serialize(object obj) =>
        obj is MerkleClockData clock ? JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long>(clock.Clock.Entries), Options)
        : Manifests.ContainsKey(obj.GetType()) ? JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options)
        : throw new ArgumentException($"{nameof(ClusterMessageSerializer)} cannot serialize {obj.GetType()}", nameof(obj));

    /// <inheritdoc />
    /// <exception cref="SerializationException">Unknown manifest, or bytes that are not a message of that kind.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == ClockManifest)
        {
            return ReadClock(bytes);
        }

        if (!Types.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"cluster message with unknown manifest '{manifest}'");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"cluster message '{manifest}' is null");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"cluster message '{manifest}' is not valid JSON of its kind: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="o"/> is not one of the messages listed above.</exception>
    public override string Manifest(object o) =>
        o is MerkleClockData ? ClockManifest
        : Manifests.TryGetValue(o.GetType(), out var manifest) ? manifest
        : throw new ArgumentException($"{nameof(ClusterMessageSerializer)} has no manifest for {o.GetType()}", nameof(o));

    private static MerkleClockData ReadClock(byte[] bytes)
    {
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, long>>(bytes, Options) ?? throw new SerializationException("merkle clock is null");
            return new MerkleClockData(Compute.Distributed.MerkleClock.From(entries));
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new SerializationException($"merkle clock '{ClockManifest}' is not a JSON object of node to counter (0 or more): {e.Message}", e);
        }
    }
}

/// <summary>
/// Generated System.Text.Json metadata of the messages that cross nodes. Null properties are left out (a missing property
/// reads back as null: no nullable property of these messages has another default), which halves a task's bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunTasks))]
[JsonSerializable(typeof(WatchResults))]
[JsonSerializable(typeof(ResultsPushed))]
[JsonSerializable(typeof(SharedCacheEntries))]
[JsonSerializable(typeof(ReplicateAccepted))]
[JsonSerializable(typeof(AcceptedHeld))]
[JsonSerializable(typeof(ReplicateFinished))]
[JsonSerializable(typeof(ForgetAccepted))]
[JsonSerializable(typeof(GetAcceptedOf))]
[JsonSerializable(typeof(AcceptedOf))]
[JsonSerializable(typeof(GetClusterHistory))]
[JsonSerializable(typeof(Compute.History.HistoryQueryResult))]
[JsonSerializable(typeof(StopRemoteTask))]
[JsonSerializable(typeof(AttemptStarted))]
[JsonSerializable(typeof(AttemptFinished))]
[JsonSerializable(typeof(AttemptProgress))]
[JsonSerializable(typeof(EnqueueRefused))]
[JsonSerializable(typeof(SubmitBatch))]
[JsonSerializable(typeof(BatchAccepted))]
[JsonSerializable(typeof(BatchRefused))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(GetMembership))]
[JsonSerializable(typeof(MembershipSnapshot))]
[JsonSerializable(typeof(GetNodeStatus))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(GetTaskResult))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(TaskNotFinished))]
[JsonSerializable(typeof(CancelTask))]
[JsonSerializable(typeof(CancelResult))]
[JsonSerializable(typeof(GetClock))]
[JsonSerializable(typeof(GetClusterStats))]
[JsonSerializable(typeof(ClusterStats))]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(AttemptReports))]
[JsonSerializable(typeof(GetTaskResults))]
[JsonSerializable(typeof(TaskResults))]
[JsonSerializable(typeof(StealRequest))]
[JsonSerializable(typeof(TaskMoved))]
[JsonSerializable(typeof(ClockView))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
