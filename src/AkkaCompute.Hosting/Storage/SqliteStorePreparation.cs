using Microsoft.Data.Sqlite;

namespace AkkaCompute.Hosting.Storage;

/// <summary>
/// Readies SQLite store files before Akka.Persistence.Sql opens them: refuses a file that is not a SQLite database or
/// that the pre-Akka.NET home-made journal wrote (it has a <c>journal_tags</c> table; Akka.Persistence.Sql's has
/// <c>tags</c>), and switches each file to WAL (readers such as <c>akc status</c> never block the writer, and commits
/// cost one append; Akka.Persistence.Sql has no pragma setting, so it is set on the file, where it persists).
/// </summary>
internal static class SqliteStorePreparation
{
    /// <summary>Checks and prepares the journal and snapshot files of <paramref name="store"/> (creating them when missing).</summary>
    /// <exception cref="HistoryStoreException">A file is not a database, was written by the home-made journal, or cannot be opened or written.</exception>
    public static void Prepare(HistoryStore store)
    {
        if (store.Provider != HistoryStoreProvider.Sqlite)
        {
            return;
        }

        Prepare(store.JournalConnectionString, store.Display, checkLegacy: true);
        Prepare(store.SnapshotConnectionString, store.Display + HistoryStore.SnapshotSuffix, checkLegacy: false);
    }

    /// <summary>Refuses a journal file written by the home-made journal, without creating or changing anything.</summary>
    /// <exception cref="HistoryStoreException">The file is not a database or was written by the home-made journal.</exception>
    public static void CheckReadable(HistoryStore store)
    {
        if (store.Provider != HistoryStoreProvider.Sqlite || store.JournalPath is null || !File.Exists(store.JournalPath))
        {
            return;
        }

        var readOnly = new SqliteConnectionStringBuilder(store.JournalConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        Run(readOnly, store.Display, connection => RefuseLegacy(connection, store.Display));
    }

    private static void Prepare(string connectionString, string display, bool checkLegacy) =>
        Run(connectionString, display, connection =>
        {
            if (checkLegacy)
            {
                RefuseLegacy(connection, display);
            }

            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        });

    private static void RefuseLegacy(SqliteConnection connection, string display)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal_tags';";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            throw new HistoryStoreException(
                $"{display}: this history was written by AkkaCompute's own journal from before the move onto Akka.NET and cannot be read now; "
                + "nothing was released with that format, so there is no migration: move the file away (or pass another --data-dir / --db) and run again");
        }
    }

    private static void Run(string connectionString, string display, Action<SqliteConnection> action)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            action(connection);
        }
        catch (SqliteException e)
        {
            throw new HistoryStoreException($"{display}: cannot use the history database: {e.Message}", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
