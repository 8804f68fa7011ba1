using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Hosting.Storage;

/// <summary>The database engines the history journal runs on (Akka.Persistence.Sql over linq2db).</summary>
public enum HistoryStoreProvider
{
    /// <summary>SQLite files in the data directory (the embedded default): linq2db's <c>SQLite.MS</c> (Microsoft.Data.Sqlite).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (linq2db's <c>PostgreSQL.15</c>, Npgsql), chosen with <c>--db postgres://...</c>.</summary>
    PostgreSql,
}

/// <summary>
/// Where a node's history journal and snapshots live, and the Akka.Persistence.Sql configuration for it.
/// SQLite keeps the journal in the database file and the snapshot store in a second file beside it
/// (<c>&lt;db&gt;.snapshots</c>; one file locks under load, akka.net #3538), both in WAL mode (set by a pragma before
/// Akka opens them). PostgreSQL keeps both in one database.
/// </summary>
/// <param name="Provider">The engine.</param>
/// <param name="JournalConnectionString">ADO.NET connection string of the journal.</param>
/// <param name="SnapshotConnectionString">ADO.NET connection string of the snapshot store.</param>
/// <param name="Display">How errors and logs name the store: a file path, or the URL without its password.</param>
/// <param name="JournalPath">The SQLite journal file (full path), or null for PostgreSQL.</param>
public sealed record HistoryStore(HistoryStoreProvider Provider, string JournalConnectionString, string SnapshotConnectionString, string Display, string? JournalPath)
{
    /// <summary>The suffix of the SQLite snapshot file after the journal's name: <c>.snapshots</c>.</summary>
    public const string SnapshotSuffix = ".snapshots";

    /// <summary>
    /// The store named by <c>akc.storage.db</c>: a <c>postgres://</c> or <c>postgresql://</c> URL
    /// (<c>postgres://user:password@host:port/database</c>) selects PostgreSQL; anything else is a SQLite file path.
    /// </summary>
    /// <param name="db">The setting's value.</param>
    /// <exception cref="ArgumentException">A PostgreSQL URL that cannot be parsed (the message says which part).</exception>
    public static HistoryStore Parse(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        if (PostgresUrl.IsPostgres(db))
        {
            var (connection, display) = PostgresUrl.ToConnectionString(db);
            return new HistoryStore(HistoryStoreProvider.PostgreSql, connection, connection, display, null);
        }

        var path = Path.GetFullPath(db);
        return new HistoryStore(
            HistoryStoreProvider.Sqlite,
            SqliteConnectionString(path),
            SqliteConnectionString(path + SnapshotSuffix),
            path,
            path);
    }

    /// <summary>The store named by the setting <c>akc.storage.db</c>, as <see cref="Parse"/> reads it.</summary>
    /// <param name="db">The setting's value.</param>
    /// <exception cref="HistoryStoreException">A PostgreSQL URL that cannot be parsed; the message names the setting and the part.</exception>
    public static HistoryStore FromSetting(string db)
    {
        try
        {
            return Parse(db);
        }
        catch (ArgumentException e)
        {
            throw new HistoryStoreException("akc.storage.db: " + e.Message, e);
        }
    }

    /// <summary>
    /// The Akka configuration of the journal (<c>akka.persistence.journal.sql</c>) and snapshot store
    /// (<c>akka.persistence.snapshot-store.sql</c>) on this store, tables created when missing, over the plugin's own defaults.
    /// Multi-row inserts bind their values as parameters (<c>prefer-parameters-on-multirow-insert = on</c>; the plugin's
    /// default is off): otherwise linq2db writes each event's binary payload into the SQL text as a hex literal, which
    /// SQLite parses back, and that took 9% of a node's CPU under load. Measured with <c>bench/run journal</c>: PersistAll
    /// 333,000 to 760,000 transitions/s, PersistAsync 532,000 to 1,004,000; <c>bench/run engine</c>: 36,000 to 63,000
    /// no-op tasks/s.
    /// </summary>
    /// <param name="batchSize"><c>akc.storage.batch-size</c>: most journal rows written in one round trip (1 to 100,000).</param>
    public Config ToConfig(int batchSize)
    {
        var provider = Provider == HistoryStoreProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{Quote(JournalConnectionString)}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                  db-round-trip-max-batch-size = {{batchSize}}
                  prefer-parameters-on-multirow-insert = on
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{Quote(SnapshotConnectionString)}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                }
              }
              query.journal.sql {
                write-plugin = "akka.persistence.journal.sql"
                connection-string = {{Quote(JournalConnectionString)}}
                provider-name = "{{provider}}"
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    /// <summary>A HOCON quoted string (backslashes and quotes escaped).</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
