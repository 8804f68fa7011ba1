using AkkaCompute.Compute.History;
using AkkaCompute.Hosting.Settings;
using AkkaCompute.Persistence.Sqlite;

namespace AkkaCompute.Cli.Commands;

/// <summary>Reads a node's history straight from its SQLite store (works while a node runs: WAL readers do not block).</summary>
internal static class StoreReader
{
    /// <summary>Events read per page.</summary>
    public const int PageSize = 10_000;

    /// <summary>Folds every task history event in the store into a projection.</summary>
    /// <exception cref="FileNotFoundException">The database does not exist.</exception>
    public static async Task<HistoryProjection> LoadAsync(NodeSettings settings, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.Storage.DatabasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no history store at {path} (run a job first, or pass --db / --data-dir)", path);
        }

        await using var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = path });
        var projection = new HistoryProjection();
        long from = 1;
        while (true)
        {
            var page = await db.Journal.ReadAllEventsAsync(from, PageSize, cancellationToken);
            foreach (var e in page)
            {
                projection.ApplyStored(e.Event);
            }

            if (page.Count < PageSize)
            {
                return projection;
            }

            from = page[^1].Ordering + 1;
        }
    }
}
