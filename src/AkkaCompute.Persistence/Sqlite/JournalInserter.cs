using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// Inserts prepared atomic writes on the writer connection with prepared statements. An atomic write of several rows
/// (or with tags) runs inside a savepoint so that a duplicate key undoes only that write.
/// </summary>
internal sealed class JournalInserter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _lastRowId;
    private readonly SqliteCommand _insertTag;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackTo;

    public JournalInserter(SqliteConnection connection)
    {
        _insert = Prepare(connection, SqliteSchema.InsertEvent, "$pid", "$seq", "$created", "$tags", "$message", "$manifest", "$writer");
        _lastRowId = Prepare(connection, SqliteSchema.LastRowId);
        _insertTag = Prepare(connection, SqliteSchema.InsertTag, "$tag", "$ordering");
        _savepoint = Prepare(connection, "SAVEPOINT atomic_write");
        _release = Prepare(connection, "RELEASE atomic_write");
        _rollbackTo = Prepare(connection, "ROLLBACK TO atomic_write");
    }

    /// <summary>Inserts <paramref name="write"/>; returns null when stored or the rejection (duplicate key).</summary>
    /// <exception cref="SqliteException">Any other database error: the caller rolls back the whole transaction.</exception>
    public Exception? Insert(PreparedAtomicWrite write)
    {
        if (write.Rejection is not null)
        {
            return write.Rejection;
        }

        var savepoint = write.NeedsSavepoint;
        if (savepoint)
        {
            _savepoint.ExecuteNonQuery();
        }

        var current = 0L;
        try
        {
            foreach (var row in write.Rows)
            {
                current = row.SequenceNr;
                InsertRow(row);
            }
        }
        catch (SqliteException e) when (SqliteErrors.IsDuplicateKey(e))
        {
            if (savepoint)
            {
                _rollbackTo.ExecuteNonQuery();
                _release.ExecuteNonQuery();
            }

            return new DuplicateSequenceNrException(write.Rows[0].PersistenceId, current, e);
        }

        if (savepoint)
        {
            _release.ExecuteNonQuery();
        }

        return null;
    }

    private void InsertRow(in PreparedRow row)
    {
        var ps = _insert.Parameters;
        ps[0].Value = row.PersistenceId;
        ps[1].Value = row.SequenceNr;
        ps[2].Value = row.Created;
        ps[3].Value = (object?)row.TagsColumn ?? DBNull.Value;
        ps[4].Value = row.Message;
        ps[5].Value = row.Manifest;
        ps[6].Value = row.WriterUuid;
        _insert.ExecuteNonQuery();
        if (row.Tags.Count == 0)
        {
            return;
        }

        var ordering = (long)_lastRowId.ExecuteScalar()!;
        _insertTag.Parameters[1].Value = ordering;
        foreach (var tag in row.Tags)
        {
            _insertTag.Parameters[0].Value = tag;
            _insertTag.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _lastRowId.Dispose();
        _insertTag.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackTo.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new SqliteParameter(p, null));
        }

        return command;
    }
}
