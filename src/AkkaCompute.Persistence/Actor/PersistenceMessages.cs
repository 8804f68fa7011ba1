namespace AkkaCompute.Persistence;

/// <summary>
/// Delivered to <see cref="PersistentActor.ReceiveRecover"/> exactly once per incarnation, after the snapshot and every
/// event were recovered and before any command (Akka's RecoveryCompleted). Persisting is allowed from here on.
/// </summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted() { }

    /// <summary>The singleton instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<RecoveryCompleted>";
}

/// <summary>Offers the snapshot selected for recovery to <see cref="PersistentActor.ReceiveRecover"/>, before the events after it.</summary>
/// <param name="Metadata">Which snapshot; its sequence number becomes <see cref="PersistentActor.LastSequenceNr"/>.</param>
/// <param name="Snapshot">The saved state.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>
/// Persists <paramref name="Payload"/> with <paramref name="Tags"/>, so that <see cref="IJournal.ReadByTagAsync"/> finds it:
/// <c>Persist(new Tagged(evt, ["task"]), handler)</c>. The persist handler receives this wrapper; replay delivers the bare payload.
/// </summary>
/// <param name="Payload">The event.</param>
/// <param name="Tags">Its tags; non-empty strings (the SQLite store also refuses ';').</param>
public sealed record Tagged(object Payload, IReadOnlyList<string> Tags);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.SaveSnapshot"/> succeeded.</summary>
/// <param name="Metadata">The saved snapshot.</param>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.SaveSnapshot"/> failed; the actor keeps running.</summary>
/// <param name="Metadata">The snapshot that was not saved.</param>
/// <param name="Cause">Why.</param>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteMessages"/> succeeded.</summary>
/// <param name="ToSequenceNr">Events up to and including this sequence number are deleted.</param>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteMessages"/> failed.</summary>
/// <param name="Cause">Why.</param>
/// <param name="ToSequenceNr">The requested bound.</param>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteSnapshot"/> succeeded.</summary>
/// <param name="Metadata">Persistence id and sequence number of the deleted snapshot (timestamp unknown: <see cref="DateTimeOffset.MinValue"/>).</param>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteSnapshot"/> failed.</summary>
/// <param name="Metadata">The snapshot that was to be deleted.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteSnapshots"/> succeeded.</summary>
/// <param name="Criteria">The criteria of the deleted snapshots.</param>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Sent to the actor as a command when <see cref="PersistentActor.DeleteSnapshots"/> failed.</summary>
/// <param name="Criteria">The criteria of the snapshots that were to be deleted.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);
