using System.Buffers;
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
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Replay;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var rows = new RowReader(_db.Serializer);
        try
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seq = reader.GetInt64(0);
                var created = reader.GetInt64(1);
                var tags = reader.IsDBNull(2) ? [] : TagCodec.Decode(reader.GetString(2));
                var manifest = rows.Manifest(reader, 4);
                var payload = rows.Payload(reader, 3, persistenceId, seq, manifest);
                var writer = rows.WriterUuid(reader, 5);
                callback(new PersistentRepresentation(persistenceId, seq, payload, manifest, writer, created, tags));
            }
        }
        finally
        {
            rows.Dispose();
        }
    }

    private IReadOnlyList<EventEnvelope> Query(SqliteConnection connection, string sql, string? tag, long fromOrdering, int max, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (tag is not null)
        {
            command.Parameters.AddWithValue("$tag", tag);
        }

        command.Parameters.AddWithValue("$from", fromOrdering);
        command.Parameters.AddWithValue("$max", max);
        var result = new List<EventEnvelope>(Math.Min(max, 1024));
        using var reader = command.ExecuteReader();
        var rows = new RowReader(_db.Serializer);
        try
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ordering = reader.GetInt64(0);
                var pid = reader.GetString(1);
                var seq = reader.GetInt64(2);
                var created = reader.GetInt64(3);
                var tags = reader.IsDBNull(4) ? [] : TagCodec.Decode(reader.GetString(4));
                var manifest = rows.Manifest(reader, 6);
                var payload = rows.Payload(reader, 5, pid, seq, manifest);
                result.Add(new EventEnvelope(ordering, pid, seq, payload, created, tags));
            }
        }
        finally
        {
            rows.Dispose();
        }

        return result;
    }

    /// <summary>Reads payloads into one reused pooled buffer and reuses repeated manifest and writer strings.</summary>
    private sealed class RowReader(IPersistenceSerializer serializer) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
        private string _manifest = string.Empty;
        private string _writer = string.Empty;

        public string Manifest(SqliteDataReader reader, int ordinal) => _manifest = Reuse(reader.GetString(ordinal), _manifest);

        public string WriterUuid(SqliteDataReader reader, int ordinal) => _writer = Reuse(reader.GetString(ordinal), _writer);

        public object Payload(SqliteDataReader reader, int ordinal, string persistenceId, long sequenceNr, string manifest)
        {
            var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
            if (_buffer.Length < length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(length);
            }

            reader.GetBytes(ordinal, 0, _buffer, 0, length);
            try
            {
                return serializer.Deserialize(_buffer.AsSpan(0, length), manifest);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new PersistenceSerializationException(persistenceId, sequenceNr, manifest, "event", e);
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

        private static string Reuse(string read, string previous) => string.Equals(read, previous, StringComparison.Ordinal) ? previous : read;
    }
}
