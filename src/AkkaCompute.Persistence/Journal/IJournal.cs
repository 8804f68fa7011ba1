namespace AkkaCompute.Persistence;

/// <summary>
/// The contract of an event journal (Akka's AsyncWriteJournal and AsyncRecovery, plus the two
/// queries that history views need). Every store passes the compliance suite
/// <c>JournalComplianceSpec</c>. Implementations are thread-safe; every method may be called
/// concurrently from many actors.
/// </summary>
/// <remarks>
/// Deletion is logical as far as callers can see: <see cref="DeleteMessagesToAsync"/> hides events from
/// replay and queries but never lowers <see cref="ReadHighestSequenceNrAsync"/>. Whether rows are also
/// removed physically is up to the store (the SQLite store keeps only the newest deleted event as a tombstone).
/// </remarks>
public interface IJournal
{
    /// <summary>
    /// Writes <paramref name="writes"/>. Each atomic write is stored entirely or not at all; writes of one call
    /// are stored in list order, and their <c>ordering</c> values increase in that order.
    /// </summary>
    /// <param name="writes">The atomic writes; may be empty.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the store's write queue; once queued a write completes.</param>
    /// <returns>
    /// One entry per atomic write, in order: null when it was stored, or the exception that rejected it
    /// (Akka's rejection: the payload could not be serialized, a tag was invalid, or a
    /// <see cref="DuplicateSequenceNrException"/> because the persistence id already holds one of its sequence numbers).
    /// </returns>
    /// <exception cref="Exception">The store failed as a whole (I/O error, disk full, database locked): nothing of the call was stored. The SQLite store throws <c>SqliteStoreException</c>.</exception>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="recoveryCallback"/> for each stored, not deleted event of <paramref name="persistenceId"/> whose
    /// sequence number is in [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], in ascending sequence-number
    /// order, at most <paramref name="max"/> times. The callback runs on the store's thread, one call at a time; the
    /// task completes after the last call.
    /// </summary>
    /// <param name="persistenceId">The persistent actor's id.</param>
    /// <param name="fromSequenceNr">The lowest sequence number to replay (inclusive).</param>
    /// <param name="toSequenceNr">The highest sequence number to replay (inclusive); <see cref="long.MaxValue"/> for all.</param>
    /// <param name="max">The most events to replay; 0 replays none; <see cref="long.MaxValue"/> for no limit.</param>
    /// <param name="recoveryCallback">Receives each event; an exception it throws fails the task.</param>
    /// <param name="cancellationToken">Stops the replay between two events (the task is cancelled).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    /// <exception cref="PersistenceSerializationException">A stored payload could not be deserialized; the message names persistence id, sequence number and manifest.</exception>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the highest sequence number ever written for <paramref name="persistenceId"/>, deleted events included,
    /// or 0 when none was written.
    /// </summary>
    /// <param name="persistenceId">The persistent actor's id.</param>
    /// <param name="fromSequenceNr">A hint from Akka's API (the caller knows nothing below it matters); the stores here ignore it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every event of <paramref name="persistenceId"/> with a sequence number up to and including
    /// <paramref name="toSequenceNr"/>: replay and queries no longer return them, while
    /// <see cref="ReadHighestSequenceNrAsync"/> still counts them. Deleting beyond the highest stored event deletes all
    /// stored events and does not affect events written later.
    /// </summary>
    /// <param name="persistenceId">The persistent actor's id.</param>
    /// <param name="toSequenceNr">The highest sequence number to delete (inclusive).</param>
    /// <param name="cancellationToken">Cancels waiting for the store's write queue.</param>
    /// <exception cref="Exception">The store failed (the SQLite store throws <c>SqliteStoreException</c>); nothing was deleted.</exception>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads events of every persistence id whose <see cref="EventEnvelope.Ordering"/> is at least
    /// <paramref name="fromOrdering"/>, in ascending ordering, at most <paramref name="max"/> of them. Deleted events are
    /// skipped. A store never makes an ordering visible before a smaller one, so resuming from the last ordering seen
    /// plus one misses nothing.
    /// </summary>
    /// <param name="fromOrdering">The lowest ordering to return (inclusive); 0 or 1 for the beginning.</param>
    /// <param name="max">The most events to return; at least 0.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    /// <exception cref="PersistenceSerializationException">A stored payload could not be deserialized.</exception>
    Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads events tagged <paramref name="tag"/> (of every persistence id) whose ordering is at least
    /// <paramref name="fromOrdering"/>, in ascending ordering, at most <paramref name="max"/> of them. Deleted events are skipped.
    /// </summary>
    /// <param name="tag">The tag (compared ordinally, case-sensitive).</param>
    /// <param name="fromOrdering">The lowest ordering to return (inclusive).</param>
    /// <param name="max">The most events to return; at least 0.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    /// <exception cref="PersistenceSerializationException">A stored payload could not be deserialized.</exception>
    Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default);
}
