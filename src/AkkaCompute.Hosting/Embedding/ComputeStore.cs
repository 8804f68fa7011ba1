using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Hosting.Storage;

namespace AkkaCompute.Hosting.Embedding;

/// <summary>
/// Opens a node's store before its actor system starts: takes the data directory's lock (and the journal directory's,
/// when the SQLite file is elsewhere), readies SQLite files (WAL, refusing foreign files) and checks that a PostgreSQL
/// server answers within 5 s. The caller disposes the returned locks after the actor system stopped.
/// </summary>
internal static class ComputeStore
{
    /// <summary>Opens the store of <paramref name="settings"/>.</summary>
    /// <exception cref="DataDirectoryInUseException">Another node holds the data directory or the journal's directory; nothing was opened.</exception>
    /// <exception cref="HistoryStoreException">The database cannot be used; the message names it (never the password).</exception>
    public static async Task<NodeStoreLocks> OpenAsync(NodeSettings settings, CancellationToken cancellationToken)
    {
        var store = HistoryStore.FromSetting(settings.Storage.DatabasePath);
        if (store.JournalPath is { } journalPath)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(journalPath))!);
        }

        // The data directory is always locked (results files and the like live there); a SQLite journal elsewhere is locked
        // beside its file too. A PostgreSQL store has no file to lock: the server serializes writers, and two nodes on one
        // database is how a second node resumes the first one's unfinished tasks.
        var locks = NodeStoreLocks.Acquire(settings.Storage.DataDirectory, store.JournalPath);
        try
        {
            SqliteStorePreparation.Prepare(store);
            if (store.Provider == HistoryStoreProvider.Sqlite)
            {
                locks.Checkpointer = SqliteCheckpointer.Start(store.JournalConnectionString);
            }

            await PostgresStorePreparation.CheckAsync(store, PostgresStorePreparation.DefaultTimeout, cancellationToken).ConfigureAwait(false);
            return locks;
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }
}
