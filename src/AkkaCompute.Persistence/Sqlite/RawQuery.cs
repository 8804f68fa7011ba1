using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// One prepared SELECT on a connection's native handle, read row by row without per-row allocations: blobs and text come
/// back as spans into SQLite's own buffer, valid until the next <see cref="Step"/>. Microsoft.Data.Sqlite's reader copies
/// every blob into a new array (and more) per row, which halved the replay rate.
/// </summary>
internal sealed class RawQuery : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    /// <exception cref="SqliteException">The statement cannot be prepared.</exception>
    public RawQuery(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    public void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_stmt, Index(name), value));

    public void Bind(string name, string value) => Check(raw.sqlite3_bind_text(_stmt, Index(name), value));

    /// <summary>Advances to the next row; false after the last.</summary>
    /// <exception cref="SqliteException">SQLite reported an error (e.g. busy beyond the busy timeout, I/O error).</exception>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    /// <summary>The column's bytes (a blob, or a text's UTF-8), valid until the next <see cref="Step"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_stmt, column);

    public void Dispose() => _stmt.Dispose();

    private int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_stmt, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}

/// <summary>Decodes UTF-8 text columns, reusing the previous string while consecutive rows repeat the same value.</summary>
internal sealed class Utf8Cache
{
    private byte[] _bytes = [];
    private string _value = string.Empty;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (!utf8.SequenceEqual(_bytes))
        {
            _bytes = utf8.ToArray();
            _value = Encoding.UTF8.GetString(utf8);
        }

        return _value;
    }
}
