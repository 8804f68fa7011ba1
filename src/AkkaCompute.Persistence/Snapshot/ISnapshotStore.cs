namespace AkkaCompute.Persistence;

/// <summary>
/// The contract of a snapshot store (Akka's SnapshotStore). Every store passes the compliance suite
/// <c>SnapshotStoreComplianceSpec</c>. Implementations are thread-safe.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Stores <paramref name="snapshot"/> under <paramref name="metadata"/>; a snapshot with the same persistence id and
    /// sequence number is replaced.
    /// </summary>
    /// <param name="metadata">Persistence id, sequence number and timestamp of the snapshot.</param>
    /// <param name="snapshot">The state to store.</param>
    /// <param name="cancellationToken">Cancels waiting for the store's write queue.</param>
    /// <exception cref="PersistenceSerializationException">The snapshot could not be serialized.</exception>
    /// <exception cref="Exception">The store failed (the SQLite store throws <c>SqliteStoreException</c>).</exception>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>Returns the snapshot of <paramref name="persistenceId"/> with the highest sequence number matching <paramref name="criteria"/>, or null.</summary>
    /// <param name="persistenceId">The persistent actor's id.</param>
    /// <param name="criteria">Which snapshots qualify.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="PersistenceSerializationException">The selected snapshot could not be deserialized; the message names persistence id, sequence number and manifest.</exception>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot with the persistence id and sequence number of <paramref name="metadata"/> (its timestamp is ignored); no error when there is none.</summary>
    /// <param name="metadata">Which snapshot.</param>
    /// <param name="cancellationToken">Cancels waiting for the store's write queue.</param>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    /// <param name="persistenceId">The persistent actor's id.</param>
    /// <param name="criteria">Which snapshots to delete.</param>
    /// <param name="cancellationToken">Cancels waiting for the store's write queue.</param>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
