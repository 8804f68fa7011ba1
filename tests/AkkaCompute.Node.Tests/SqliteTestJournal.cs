using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaCompute.Node.History;

namespace AkkaCompute.Node.Tests;

/// <summary>A real Akka.Persistence.Sql journal on a fresh SQLite file per test (deleted on dispose), plus the node's own config.</summary>
public sealed class SqliteTestJournal : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akc-node-test-").FullName;

    public string Path => System.IO.Path.Combine(_dir, "journal.db");

    /// <summary>The actor system config of a node whose history is in <see cref="Path"/>.</summary>
    public Config Config => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.persistence {
          journal.plugin = "akka.persistence.journal.sql"
          journal.sql { connection-string = "Data Source={{Path}}", provider-name = "SQLite.MS", auto-initialize = on }
          snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
          snapshot-store.sql { connection-string = "Data Source={{Path}}.snapshots", provider-name = "SQLite.MS", auto-initialize = on }
          query.journal.sql { write-plugin = "akka.persistence.journal.sql", connection-string = "Data Source={{Path}}", provider-name = "SQLite.MS" }
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration).WithFallback(TestConfig.Base);

    /// <summary>Every payload of the history stream, in journal order (read with Akka.Persistence.Query).</summary>
    public static async Task<IReadOnlyList<object>> ReadAllAsync(ActorSystem system)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var all = new List<object>();
        await journal.CurrentEventsByPersistenceId(HistoryActor.DefaultPersistenceId, 0, long.MaxValue)
            .RunForeach(e => all.Add(e.Event), system.Materializer());
        return all;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A TestKit whose system journals the history in a fresh SQLite file (<see cref="Journal"/>).</summary>
public abstract class NodeTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected NodeTestKit()
        : this(new SqliteTestJournal())
    {
    }

    private NodeTestKit(SqliteTestJournal journal)
        : base(journal.Config)
    {
        Journal = journal;
    }

    protected SqliteTestJournal Journal { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Journal.Dispose();
        }
    }
}
