using AkkaCompute.Hosting.Storage;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Hosting.Tests.Storage;

/// <summary>
/// The background checkpointer of the SQLite journal: it copies the write-ahead log into the database while the writer
/// goes on, so the log is checkpointed without any commit reaching SQLite's automatic checkpoint (1,000 pages).
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "akc-checkpointer-" + Guid.NewGuid().ToString("N"));

    public SqliteCheckpointerTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_log_is_copied_into_the_database_in_the_background()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "j.db"), Pooling = false }.ToString();
        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB);");
        for (var i = 0; i < 100; i++)
        {
            Execute(writer, $"INSERT INTO rows (payload) VALUES (randomblob(2000));"); // 100 commits, far below the automatic checkpoint
        }

        // Until a checkpoint, the rows live in the log (j.db-wal) and the database file stays a few pages long.
        var database = new FileInfo(Path.Combine(_directory, "j.db"));
        database.Refresh();
        Assert.True(database.Length < 100_000, $"the database file is {database.Length} bytes before any checkpoint");
        using var checkpointer = SqliteCheckpointer.Start(connectionString);

        // One checkpoint while the writer is idle copies the whole log.
        await checkpointer.NextCheckpointAsync().WaitAsync(TimeSpan.FromSeconds(20));
        database.Refresh();
        Assert.True(database.Length >= 200_000, $"the database file is {database.Length} bytes after a checkpoint");

        // The writer goes on while it runs.
        Execute(writer, "INSERT INTO rows (payload) VALUES (randomblob(10));");
        Assert.Equal(101L, Scalar(writer, "SELECT count(*) FROM rows"));
    }

    [Fact]
    public async Task Dispose_stops_it()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "k.db"), Pooling = false }.ToString();
        var checkpointer = SqliteCheckpointer.Start(connectionString);
        await checkpointer.NextCheckpointAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(checkpointer.Running);
        checkpointer.Dispose();
        Assert.False(checkpointer.Running);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
