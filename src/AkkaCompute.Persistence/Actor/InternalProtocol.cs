using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

/// <summary>
/// Messages a persistent actor sends itself about its own I/O. Each carries the id of the incarnation that started the
/// I/O; another incarnation ignores it.
/// </summary>
internal abstract record PersistenceProtocol(long InstanceId) : INotInfluenceReceiveTimeout;

internal sealed record RecoveryStart(long InstanceId) : PersistenceProtocol(InstanceId);

internal sealed record SnapshotLoaded(long InstanceId, SelectedSnapshot? Snapshot) : PersistenceProtocol(InstanceId);

/// <summary>A batch of replayed events; <see cref="HighestSequenceNr"/> is set on the last batch only.</summary>
internal sealed record EventsReplayed(long InstanceId, List<PersistentRepresentation> Events, long? HighestSequenceNr) : PersistenceProtocol(InstanceId);

internal sealed record RecoveryStepFailed(long InstanceId, Exception Cause) : PersistenceProtocol(InstanceId);

internal sealed record RecoveryTick(long InstanceId, long Generation) : PersistenceProtocol(InstanceId);

internal sealed record WriteSucceeded(long InstanceId, JournalEntry Entry) : PersistenceProtocol(InstanceId);

internal sealed record WriteRejected(long InstanceId, JournalEntry Entry, Exception Cause) : PersistenceProtocol(InstanceId);

internal sealed record WriteFailed(long InstanceId, JournalEntry Entry, Exception Cause) : PersistenceProtocol(InstanceId);

/// <summary>A <c>DeferAsync</c> entry reached its turn after the writes before it.</summary>
internal sealed record DeferredReached(long InstanceId) : PersistenceProtocol(InstanceId);

/// <summary>The journal call finished; the next batch may be written.</summary>
internal sealed record WriteBatchCompleted(long InstanceId) : PersistenceProtocol(InstanceId);

/// <summary>One entry of an actor's write batch: an atomic write, or a deferred handler (no write), with the sender of the command that made it.</summary>
internal sealed record JournalEntry(AtomicWrite? Write, IActorRef Sender);

/// <summary>A handler waiting for its event to be written (or, for DeferAsync, for its turn).</summary>
internal readonly record struct PendingInvocation(object Event, Action<object> Handler, bool Stashing);
