namespace AkkaCompute.Hosting.Node;

/// <summary>
/// The locks a node holds from start to dispose: its data directory's <see cref="DataDirectoryLock"/> and, when its
/// database lives in another directory (<c>--db</c>), a lock on that database (<c>&lt;db file&gt;.lock</c> beside it), so
/// that two nodes never write one journal even with different data directories, while other databases in the same
/// directory stay free. A PostgreSQL store takes no database lock: the server serializes writers, and nodes sharing one
/// database is how a second node resumes what the first accepted.
/// </summary>
internal sealed class NodeStoreLocks : IDisposable
{
    private readonly DataDirectoryLock _data;
    private readonly DataDirectoryLock? _database;

    private NodeStoreLocks(DataDirectoryLock data, DataDirectoryLock? database)
    {
        _data = data;
        _database = database;
    }

    /// <summary>
    /// Locks <paramref name="dataDirectory"/>, then <paramref name="databasePath"/> when it lies in another directory.
    /// A null <paramref name="databasePath"/> (a PostgreSQL store: no file of ours to lock) locks the data directory only.
    /// </summary>
    /// <exception cref="DataDirectoryInUseException">Another node holds either; nothing stays locked.</exception>
    /// <exception cref="IOException">A directory or lock file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">A lock file cannot be opened for writing.</exception>
    public static NodeStoreLocks Acquire(string dataDirectory, string? databasePath)
    {
        var data = DataDirectoryLock.Acquire(dataDirectory);
        if (databasePath is null)
        {
            return new NodeStoreLocks(data, null);
        }

        var database = Path.GetFullPath(databasePath);
        var databaseDirectory = Path.GetDirectoryName(database)!;
        if (string.Equals(databaseDirectory, data.Directory, StringComparison.Ordinal))
        {
            return new NodeStoreLocks(data, null);
        }

        try
        {
            return new NodeStoreLocks(data, DataDirectoryLock.Acquire(databaseDirectory, Path.GetFileName(database) + ".lock", isDatabaseDirectory: true));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>The SQLite journal's background checkpointer, stopped before the locks are released; null for PostgreSQL.</summary>
    public Storage.SqliteCheckpointer? Checkpointer { get; set; }

    /// <summary>Stops the checkpointer and releases both locks.</summary>
    public void Dispose()
    {
        Checkpointer?.Dispose();
        _database?.Dispose();
        _data.Dispose();
    }
}
