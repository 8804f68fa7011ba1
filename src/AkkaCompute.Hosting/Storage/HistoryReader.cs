using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AkkaCompute.Compute.History;
using AkkaCompute.Node;
using AkkaCompute.Node.History;

namespace AkkaCompute.Hosting.Storage;

/// <summary>
/// Reads a node's history journal through Akka.Persistence.Query (<see cref="SqlReadJournal"/>'s
/// <c>CurrentEventsByPersistenceId</c> on the <c>akc-history</c> stream) and folds it into a <see cref="HistoryProjection"/>.
/// Works while a node writes the store (SQLite in WAL mode: readers never block the writer; PostgreSQL's MVCC likewise) and
/// never writes anything. A PostgreSQL server that cannot be reached fails within a few seconds with a <see cref="HistoryStoreException"/>.
/// Used by <c>akc status</c> and <c>akc history</c>.
/// </summary>
public static class HistoryReader
{
    /// <summary>Folds every recorded task event of the store named by <paramref name="db"/> (<c>akc.storage.db</c>).</summary>
    /// <param name="db">A SQLite file path or a <c>postgres://</c> URL.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The projection of the whole history.</returns>
    /// <exception cref="FileNotFoundException">The SQLite file does not exist.</exception>
    /// <exception cref="HistoryStoreException">The store is not a database, was written by the pre-Akka.NET journal, or cannot be read.</exception>
    public static async Task<HistoryProjection> LoadAsync(string db, CancellationToken cancellationToken)
    {
        var store = HistoryStore.FromSetting(db);

        if (store.JournalPath is { } path && !File.Exists(path))
        {
            throw new FileNotFoundException($"no history store at {path} (run a job first, or pass --db / --data-dir)", path);
        }

        SqliteStorePreparation.CheckReadable(store);
        await PostgresStorePreparation.CheckAsync(store, PostgresStorePreparation.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        var config = store.ToConfig(batchSize: 100)
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR\nakka.persistence.journal.sql.auto-initialize = off"))
            .WithFallback(NodeConfig.Default);
        var system = ActorSystem.Create("akc-reader", config);
        try
        {
            var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var projection = new HistoryProjection();
            await journal.CurrentEventsByPersistenceId(HistoryActor.DefaultPersistenceId, 0, long.MaxValue)
                .RunForeach(e => projection.ApplyStored(e.Event), system.Materializer())
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            return projection;
        }
        catch (Exception e) when (e is not OperationCanceledException and not HistoryStoreException)
        {
            throw new HistoryStoreException($"{store.Display}: cannot read the history: {e.GetBaseException().Message}", e);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }
}
