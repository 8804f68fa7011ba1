using System.Text;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// The journal of a <see cref="SqliteDatabase"/> (table <c>journal</c>, tags in <c>journal_tags</c>). Obtain it from
/// <see cref="SqliteDatabase.Journal"/>.
/// </summary>
/// <remarks>
/// Writes: payloads are serialized on the caller's thread (a serializer error or an invalid tag rejects that atomic
/// write), then queued for the writer thread, which coalesces concurrent calls into one transaction (see
/// <see cref="SqliteStoreSettings.WriteBatchSize"/>). A duplicate (persistence_id, sequence_number) rejects only its atomic
/// write with <see cref="DuplicateSequenceNrException"/>. Deletes mark rows <c>deleted = 1</c> and then physically remove
/// all but the newest deleted row of the persistence id, which stays as a tombstone so the highest sequence number is
/// never lost. Reads run on the thread pool with one statement each and stream rows.
/// </remarks>
public sealed class SqliteJournal : IJournal
{
    private readonly SqliteDatabase _db;

    internal SqliteJournal(SqliteDatabase db) => _db = db;

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The transaction failed as a whole (disk full, I/O error, locked); the message names the file and the cause.</exception>
    /// <exception cref="ObjectDisposedException">The database is disposed.</exception>
    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        var prepared = new PreparedAtomicWrite[writes.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = PreparedAtomicWrite.Prepare(writes[i], _db.Serializer);
        }

        var op = new JournalWriteOp(prepared);
        await _db.Writer.EnqueueAsync(op, cancellationToken).ConfigureAwait(false);
        return await op.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The database could not be read.</exception>
    public Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(recoveryCallback);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0 || fromSequenceNr > toSequenceNr)
        {
            return Task.CompletedTask;
        }

        return _db.ReadAsync(
            $"replay of '{persistenceId}'",
            connection =>
            {
                Replay(connection, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The database could not be read.</exception>
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return _db.ReadAsync(
            $"read of the highest sequence number of '{persistenceId}'",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.HighestSequenceNr;
                command.Parameters.AddWithValue("$pid", persistenceId);
                return command.ExecuteScalar() is long highest ? highest : 0L;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The delete failed; the message names the file and the cause.</exception>
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        return _db.WriteAsync(
            $"delete of events of '{persistenceId}' up to {toSequenceNr}",
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = SqliteSchema.DeleteTo;
                command.Parameters.AddWithValue("$pid", persistenceId);
                command.Parameters.AddWithValue("$to", toSequenceNr);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The database could not be read.</exception>
    public Task<IReadOnlyList<EventEnvelope>> ReadAllEventsAsync(long fromOrdering, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return _db.ReadAsync(
            $"read of all events from ordering {fromOrdering}",
            connection => Query(connection, SqliteSchema.AllEvents, null, fromOrdering, max, cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteStoreException">The database could not be read.</exception>
    public Task<IReadOnlyList<EventEnvelope>> ReadByTagAsync(string tag, long fromOrdering, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return _db.ReadAsync(
            $"read of events tagged '{tag}' from ordering {fromOrdering}",
            connection => Query(connection, SqliteSchema.EventsByTag, tag, fromOrdering, max, cancellationToken),
            cancellationToken);
    }

    private void Replay(SqliteConnection connection, string persistenceId, long from, long to, long max, Action<PersistentRepresentation> callback, CancellationToken cancellationToken)
    {
        using var query = new RawQuery(connection, SqliteSchema.Replay);
        query.Bind("$pid", persistenceId);
        query.Bind("$from", from);
        query.Bind("$to", to);
        query.Bind("$max", max);
        var manifests = new Utf8Cache();
        var writers = new Utf8Cache();
        while (query.Step())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seq = query.Int64(0);
            var tags = query.IsNull(2) ? [] : TagCodec.Decode(Encoding.UTF8.GetString(query.Bytes(2)));
            var manifest = manifests.Get(query.Bytes(4));
            var payload = Deserialize(query.Bytes(3), persistenceId, seq, manifest);
            callback(new PersistentRepresentation(persistenceId, seq, payload, manifest, writers.Get(query.Bytes(5)), query.Int64(1), tags));
        }
    }

    private IReadOnlyList<EventEnvelope> Query(SqliteConnection connection, string sql, string? tag, long fromOrdering, int max, CancellationToken cancellationToken)
    {
        using var query = new RawQuery(connection, sql);
        if (tag is not null)
        {
            query.Bind("$tag", tag);
        }

        query.Bind("$from", fromOrdering);
        query.Bind("$max", max);
        var result = new List<EventEnvelope>(Math.Min(max, 1024));
        var ids = new Utf8Cache();
        var manifests = new Utf8Cache();
        while (query.Step())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pid = ids.Get(query.Bytes(1));
            var seq = query.Int64(2);
            var tags = query.IsNull(4) ? [] : TagCodec.Decode(Encoding.UTF8.GetString(query.Bytes(4)));
            var payload = Deserialize(query.Bytes(5), pid, seq, manifests.Get(query.Bytes(6)));
            result.Add(new EventEnvelope(query.Int64(0), pid, seq, payload, query.Int64(3), tags));
        }

        return result;
    }

    private object Deserialize(ReadOnlySpan<byte> data, string persistenceId, long sequenceNr, string manifest)
    {
        try
        {
            return _db.Serializer.Deserialize(data, manifest);
        }
        catch (Exception e)
        {
            throw new PersistenceSerializationException(persistenceId, sequenceNr, manifest, "event", e);
        }
    }
}
