using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The snapshot store of a <see cref="SqliteDatabase"/> (table <c>snapshot</c>, keyed by persistence id and sequence
/// number; <c>created</c> in Unix milliseconds). Obtain it from <see cref="SqliteDatabase.SnapshotStore"/>. Snapshots are
/// serialized on the caller's thread; saves and deletes run on the database's writer thread, loads on the thread pool.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    private readonly SqliteDatabase _db;

    internal SqliteSnapshotStore(SqliteDatabase db) => _db = db;

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The write failed; the message names the file and the cause.</exception>
    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        SerializedPayload serialized;
        try
        {
            serialized = _db.Serializer.Serialize(snapshot);
        }
        catch (Exception e) when (e is not PersistenceSerializationException)
        {
            throw new PersistenceSerializationException(null, $"snapshot {metadata.SequenceNr} of '{metadata.PersistenceId}' cannot be serialized: {e.Message}", e);
        }

        return _db.WriteAsync(
            $"save of snapshot {metadata.SequenceNr} of '{metadata.PersistenceId}'",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.SaveSnapshot;
                command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
                command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
                command.Parameters.AddWithValue("$created", metadata.Timestamp.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$snapshot", serialized.Data);
                command.Parameters.AddWithValue("$manifest", serialized.Manifest);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The database could not be read.</exception>
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return _db.ReadAsync(
            $"load of a snapshot of '{persistenceId}'",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.LoadSnapshot;
                AddCriteria(command, persistenceId, criteria);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                var seq = reader.GetInt64(0);
                var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
                var data = (byte[])reader.GetValue(2);
                var manifest = reader.GetString(3);
                object snapshot;
                try
                {
                    snapshot = _db.Serializer.Deserialize(data, manifest);
                }
                catch (Exception e)
                {
                    throw new PersistenceSerializationException(persistenceId, seq, manifest, "snapshot", e);
                }

                return new SelectedSnapshot(new SnapshotMetadata(persistenceId, seq, created), snapshot);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The delete failed.</exception>
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return _db.WriteAsync(
            $"delete of snapshot {metadata.SequenceNr} of '{metadata.PersistenceId}'",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.DeleteSnapshot;
                command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
                command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The delete failed.</exception>
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return _db.WriteAsync(
            $"delete of snapshots of '{persistenceId}'",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.DeleteSnapshots;
                AddCriteria(command, persistenceId, criteria);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    private static void AddCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestamp.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestamp.ToUnixTimeMilliseconds());
    }
}
