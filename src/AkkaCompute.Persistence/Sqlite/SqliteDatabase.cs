using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Sqlite;

/// <summary>
/// One SQLite database file holding a journal (<see cref="Journal"/>) and a snapshot store (<see cref="SnapshotStore"/>),
/// the embedded default store of AkkaCompute. The file runs in WAL mode with <c>synchronous=NORMAL</c>: a committed write
/// survives a crash of the process; a power loss may lose the last transactions, never corrupt the file. All writes go
/// through one writer thread (see <see cref="SqliteStoreSettings.WriteBatchSize"/>); reads use pooled connections on the
/// thread pool and run concurrently with writes. Dispose it to finish queued writes and release the file.
/// </summary>
/// <example>
/// <code>
/// await using var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = "data/akc.db" });
/// Persistence.Configure(system, db.Journal, db.SnapshotStore);
/// </code>
/// </example>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The writer connection's <c>wal_autocheckpoint</c>: SQLite copies the WAL into the database file (and syncs both)
    /// inside the commit that takes the WAL past this many pages, which stalls that commit for milliseconds on a slow
    /// disk. SQLite's default of 1,000 pages (4 MiB) does so about once per 300 small commits, often enough to set a
    /// task's 99th-percentile latency; 4,000 pages (16 MiB of WAL) makes it four times rarer. Durability is unchanged:
    /// a commit is as durable as its WAL append; only the WAL's size and the recovery replay after a crash grow.
    /// </summary>
    internal const int WalAutocheckpointPages = 4_000;

    private readonly string _readConnectionString;
    private readonly SqliteConnection _writeConnection;
    private int _disposed;

    private SqliteDatabase(string path, SqliteStoreSettings settings, string connectionString, SqliteConnection writeConnection)
    {
        Path = path;
        Settings = settings;
        _readConnectionString = connectionString;
        _writeConnection = writeConnection;
        Writer = new SqliteWriter(writeConnection, path, settings);
        Journal = new SqliteJournal(this);
        SnapshotStore = new SqliteSnapshotStore(this);
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>The settings it was opened with.</summary>
    public SqliteStoreSettings Settings { get; }

    /// <summary>The journal stored in this file.</summary>
    public SqliteJournal Journal { get; }

    /// <summary>The snapshot store stored in this file.</summary>
    public SqliteSnapshotStore SnapshotStore { get; }

    internal SqliteWriter Writer { get; }

    internal IPersistenceSerializer Serializer => Settings.Serializer;

    /// <summary>
    /// Opens (creating when missing) the database file, switches it to WAL mode and creates the tables when missing.
    /// </summary>
    /// <param name="settings">The file and the limits.</param>
    /// <exception cref="AkkaCompute.Actors.ConfigurationException">A setting is invalid.</exception>
    /// <exception cref="SqliteStoreException">
    /// The file cannot be opened or written: its directory cannot be created, it is locked by another process for longer
    /// than <see cref="SqliteStoreSettings.BusyTimeout"/>, it is read-only, not a database, the disk is full, or the file
    /// system does not support WAL mode. The message names the file and the cause.
    /// </exception>
    public static SqliteDatabase Open(SqliteStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var path = System.IO.Path.GetFullPath(settings.Path);
        SqliteConnection? connection = null;
        try
        {
            if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds)),
            };
            var connectionString = builder.ToString();
            connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)settings.BusyTimeout.TotalMilliseconds}");
            if (Scalar(connection, "PRAGMA journal_mode = WAL") is not string mode || !mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException("the file system does not support SQLite's WAL mode (journal_mode could not be set to WAL)");
            }

            Execute(connection, "PRAGMA synchronous = NORMAL");
            Execute(connection, $"PRAGMA wal_autocheckpoint = {WalAutocheckpointPages}");
            if (settings.MaxDatabaseSizeBytes is { } maxBytes)
            {
                var pageSize = Convert.ToInt64(Scalar(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture);
                Execute(connection, $"PRAGMA max_page_count = {Math.Max(1, maxBytes / pageSize)}");
            }

            Execute(connection, "BEGIN IMMEDIATE");
            Execute(connection, SqliteSchema.Create);
            Execute(connection, "COMMIT");
            return new SqliteDatabase(path, settings, connectionString, connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            connection?.Dispose();
            throw new SqliteStoreException(path, "open", e);
        }
    }

    /// <summary>Finishes the queued writes, closes the file and releases pooled connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Writer.Dispose();
        try
        {
            Execute(_writeConnection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // A reader holds the WAL; SQLite checkpoints on the next open instead.
        }

        _writeConnection.Dispose();
        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a pooled connection for reading.</summary>
    /// <exception cref="ObjectDisposedException">The database is disposed.</exception>
    internal SqliteConnection OpenReadConnection()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, (int)Math.Min(int.MaxValue, Settings.BusyTimeout.TotalMilliseconds));
        return connection;
    }

    /// <summary>Runs <paramref name="read"/> on the thread pool with a pooled connection; database errors become <see cref="SqliteStoreException"/>.</summary>
    internal Task<T> ReadAsync<T>(string operation, Func<SqliteConnection, T> read, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                try
                {
                    using var connection = OpenReadConnection();
                    return read(connection);
                }
                catch (SqliteException e)
                {
                    throw new SqliteStoreException(Path, operation, e);
                }
            },
            cancellationToken);

    /// <summary>Queues a write that runs alone in its own transaction on the writer thread.</summary>
    internal async Task WriteAsync(string operation, Action<SqliteConnection> work, CancellationToken cancellationToken)
    {
        var op = new CommandOp(operation, work);
        await Writer.EnqueueAsync(op, cancellationToken).ConfigureAwait(false);
        await op.Task.ConfigureAwait(false);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
