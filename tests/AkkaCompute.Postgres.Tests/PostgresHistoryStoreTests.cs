using AkkaCompute.Cli.Tests;
using AkkaCompute.Cli.Tests.Storage;

namespace AkkaCompute.Postgres.Tests;

/// <summary>The history store contract (the same tests as SQLite's) on PostgreSQL: a fresh database per test.</summary>
public sealed class PostgresHistoryStoreTests : HistoryStoreContract
{
    /// <inheritdoc />
    protected override async Task<(string Db, IAsyncDisposable Lifetime)> CreateStoreAsync(CliHarness h)
    {
        var db = await PostgresDatabase.CreateAsync();
        return (db.Url, db);
    }
}
