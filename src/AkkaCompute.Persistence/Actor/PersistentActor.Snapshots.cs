using AkkaCompute.Actors;

namespace AkkaCompute.Persistence;

public abstract partial class PersistentActor
{
    /// <summary>
    /// Saves <paramref name="snapshot"/> under <see cref="SnapshotSequenceNr"/> with the current time; the outcome arrives
    /// as a command: <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>. Pass an immutable value (the
    /// in-memory store keeps the reference; the SQLite store serializes it before this call returns).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called before recovery finished.</exception>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        EnsureRecovered();
        var metadata = new SnapshotMetadata(_persistenceId, SnapshotSequenceNr, Context.System.TimeProvider.GetUtcNow());
        var store = _snapshotStore;
        TaskPiping.Pipe(
            () => store.SaveAsync(metadata, snapshot),
            Self,
            new SaveSnapshotSuccess(metadata),
            cause => new SaveSnapshotFailure(metadata, cause));
    }

    /// <summary>
    /// Deletes this actor's events up to and including <paramref name="toSequenceNr"/> (<see cref="long.MaxValue"/> means
    /// <see cref="LastSequenceNr"/>); the outcome arrives as <see cref="DeleteMessagesSuccess"/> or
    /// <see cref="DeleteMessagesFailure"/>. A bound above <see cref="LastSequenceNr"/> fails. Sequence numbers are never reused.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called before recovery finished.</exception>
    protected void DeleteMessages(long toSequenceNr)
    {
        EnsureRecovered();
        var to = toSequenceNr == long.MaxValue ? LastSequenceNr : toSequenceNr;
        if (to > LastSequenceNr)
        {
            Self.Tell(new DeleteMessagesFailure(new InvalidOperationException($"cannot delete events of '{_persistenceId}' up to {to}: the last sequence number is {LastSequenceNr}"), to), Self);
            return;
        }

        var (journal, pid) = (_journal, _persistenceId);
        TaskPiping.Pipe(
            () => journal.DeleteMessagesToAsync(pid, to),
            Self,
            new DeleteMessagesSuccess(to),
            cause => new DeleteMessagesFailure(cause, to));
    }

    /// <summary>Deletes this actor's snapshot with sequence number <paramref name="sequenceNr"/>; the outcome arrives as <see cref="DeleteSnapshotSuccess"/> or <see cref="DeleteSnapshotFailure"/>.</summary>
    /// <exception cref="InvalidOperationException">Called before recovery finished.</exception>
    protected void DeleteSnapshot(long sequenceNr)
    {
        EnsureRecovered();
        var metadata = new SnapshotMetadata(_persistenceId, sequenceNr, DateTimeOffset.MinValue);
        var store = _snapshotStore;
        TaskPiping.Pipe(
            () => store.DeleteAsync(metadata),
            Self,
            new DeleteSnapshotSuccess(metadata),
            cause => new DeleteSnapshotFailure(metadata, cause));
    }

    /// <summary>Deletes this actor's snapshots matching <paramref name="criteria"/>; the outcome arrives as <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    /// <exception cref="InvalidOperationException">Called before recovery finished.</exception>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        EnsureRecovered();
        var (store, pid) = (_snapshotStore, _persistenceId);
        TaskPiping.Pipe(
            () => store.DeleteAsync(pid, criteria),
            Self,
            new DeleteSnapshotsSuccess(criteria),
            cause => new DeleteSnapshotsFailure(criteria, cause));
    }

    private void EnsureRecovered()
    {
        if (_phase != Phase.Processing)
        {
            throw new InvalidOperationException($"{GetType().Name} ('{_persistenceId}') can use its snapshot store and delete events only after recovery, while running");
        }
    }
}
