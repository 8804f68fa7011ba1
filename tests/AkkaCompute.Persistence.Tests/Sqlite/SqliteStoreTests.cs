using System.Text;
using AkkaCompute.Actors;
using AkkaCompute.Persistence;
using AkkaCompute.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Persistence.Tests.Sqlite;

/// <summary>What the SQLite store does beyond the compliance suite: schema, WAL, serialization, errors, coalescing.</summary>
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly string _path = TestSupport.TempDbPath();
    private readonly List<SqliteDatabase> _open = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var db in _open)
        {
            await db.DisposeAsync();
        }

        TestSupport.DeleteDb(_path);
    }

    private SqliteDatabase Open(SqliteStoreSettings? settings = null)
    {
        var db = SqliteDatabase.Open(settings ?? new SqliteStoreSettings { Path = _path });
        _open.Add(db);
        return db;
    }

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static PersistentRepresentation Event(string pid, long seq, object? payload = null, params string[] tags) =>
        new(pid, seq, payload ?? new TestEvent(pid, seq), string.Empty, "w", 1_700_000_000_000 + seq, tags);

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void Creates_the_akka_sql_shaped_schema_in_wal_mode()
    {
        Open();
        using var raw = Raw();

        Assert.Equal("wal", Scalar(raw, "PRAGMA journal_mode"));
        Assert.Equal(["ordering", "persistence_id", "sequence_number", "created", "tags", "message", "manifest", "writer_uuid", "deleted"], Columns(raw, "journal"));
        Assert.Equal(["persistence_id", "sequence_number", "created", "snapshot", "manifest"], Columns(raw, "snapshot"));
        Assert.Equal(["tag", "ordering"], Columns(raw, "journal_tags"));
        Assert.Equal(1L, Scalar(raw, "SELECT count(*) FROM sqlite_master WHERE name = 'journal' AND sql LIKE '%AUTOINCREMENT%'"));
    }

    [Fact]
    public async Task Stores_rows_as_json_with_manifest_tags_and_unix_ms_created()
    {
        var db = Open();
        await db.Journal.WriteMessagesAsync([new AtomicWrite(Event("row", 1, tags: ["a", "b"]))]);

        using var raw = Raw();
        using var command = raw.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, created, tags, message, manifest, writer_uuid, deleted FROM journal";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("row", reader.GetString(0));
        Assert.Equal(1, reader.GetInt64(1));
        Assert.Equal(1_700_000_000_001, reader.GetInt64(2));
        Assert.Equal(";a;b;", reader.GetString(3));
        Assert.Equal("""{"PersistenceId":"row","SequenceNr":1,"Text":""}""", Encoding.UTF8.GetString((byte[])reader.GetValue(4)));
        Assert.Equal($"{typeof(TestEvent).FullName}, {typeof(TestEvent).Assembly.GetName().Name}", reader.GetString(5));
        Assert.Equal("w", reader.GetString(6));
        Assert.Equal(0, reader.GetInt64(7));
        Assert.Equal(2L, Scalar(raw, "SELECT count(*) FROM journal_tags"));
    }

    [Fact]
    public async Task Delete_keeps_only_the_newest_deleted_row_as_tombstone()
    {
        var db = Open();
        await db.Journal.WriteMessagesAsync(Enumerable.Range(1, 5).Select(i => new AtomicWrite(Event("t", i, tags: "x"))).ToList());

        await db.Journal.DeleteMessagesToAsync("t", 4);

        using var raw = Raw();
        Assert.Equal("4:1,5:0", Scalar(raw, "SELECT group_concat(sequence_number || ':' || deleted, ',') FROM (SELECT * FROM journal ORDER BY sequence_number)"));
        Assert.Equal(1L, Scalar(raw, "SELECT count(*) FROM journal_tags"));
        Assert.Equal(5, await db.Journal.ReadHighestSequenceNrAsync("t", 0));
    }

    [Fact]
    public async Task Unknown_manifest_on_replay_names_persistence_id_sequence_nr_and_manifest()
    {
        var db = Open();
        using (var raw = Raw())
        {
            using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ('orphan', 7, 0, X'7B7D', 'Gone.Type, Gone.Assembly', 'w')";
            insert.ExecuteNonQuery();
        }

        var replay = await Assert.ThrowsAsync<PersistenceSerializationException>(() =>
            db.Journal.ReplayMessagesAsync("orphan", 1, long.MaxValue, long.MaxValue, _ => { }));
        var query = await Assert.ThrowsAsync<PersistenceSerializationException>(() => db.Journal.ReadAllEventsAsync(0, 10));

        foreach (var e in new[] { replay, query })
        {
            Assert.Equal("orphan", e.PersistenceId);
            Assert.Equal(7, e.SequenceNr);
            Assert.Equal("Gone.Type, Gone.Assembly", e.Manifest);
            Assert.Contains("'orphan'", e.Message);
            Assert.Contains(" 7 ", e.Message);
            Assert.Contains("Gone.Type, Gone.Assembly", e.Message);
            Assert.Contains("unknown manifest", e.Message);
        }
    }

    [Fact]
    public async Task Aliases_keep_data_written_under_an_old_type_name_readable()
    {
        using (var first = SqliteDatabase.Open(new SqliteStoreSettings { Path = _path, Serializer = new JsonPersistenceSerializer().Bind<TestEvent>("v1.Event") }))
        {
            await first.Journal.WriteMessagesAsync([new AtomicWrite(Event("ren", 1))]);
        }

        using (var raw = Raw())
        {
            Assert.Equal("v1.Event", Scalar(raw, "SELECT manifest FROM journal"));
        }

        var renamed = new JsonPersistenceSerializer().Bind<RenamedEvent>("v2.Event").Alias<RenamedEvent>("v1.Event");
        var db = Open(new SqliteStoreSettings { Path = _path, Serializer = renamed });
        var replayed = new List<PersistentRepresentation>();
        await db.Journal.ReplayMessagesAsync("ren", 1, long.MaxValue, long.MaxValue, replayed.Add);

        Assert.Equal(new RenamedEvent("ren", 1, string.Empty), replayed.Single().Payload);
        Assert.Equal("v1.Event", replayed[0].Manifest);
    }

    [Fact]
    public async Task A_payload_that_cannot_be_serialized_rejects_only_its_atomic_write()
    {
        var db = Open();

        var results = await db.Journal.WriteMessagesAsync([
            new AtomicWrite([Event("s", 1), Event("s", 2, new Unserializable(() => { }))]),
            new AtomicWrite(Event("s", 3)),
            new AtomicWrite(Event("s", 4, tags: "bad;tag")),
        ]);

        var rejection = Assert.IsType<PersistenceSerializationException>(results[0]);
        Assert.Contains("event 2 of 's'", rejection.Message);
        Assert.Null(results[1]);
        Assert.Contains("';'", Assert.IsType<ArgumentException>(results[2]).Message);
        var replayed = new List<PersistentRepresentation>();
        await db.Journal.ReplayMessagesAsync("s", 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.Equal([3L], replayed.Select(p => p.SequenceNr));
    }

    [Fact]
    public async Task Concurrent_write_calls_are_coalesced_into_one_transaction_up_to_the_batch_size()
    {
        var db = Open(new SqliteStoreSettings { Path = _path, WriteBatchSize = 30 });

        async Task<long> TransactionsFor(int calls, string pid)
        {
            var before = db.Writer.TransactionCount;
            Task<IReadOnlyList<Exception?>>[] writes;
            using (db.Writer.Pause())
            {
                writes = Enumerable.Range(1, calls).Select(i => db.Journal.WriteMessagesAsync([new AtomicWrite(Event(pid, i))])).ToArray();
                await TestSupport.Eventually(() => db.Writer.QueuedCount == calls, $"{calls} writes queued");
            }

            foreach (var results in await Task.WhenAll(writes))
            {
                Assert.Null(results[0]);
            }

            return db.Writer.TransactionCount - before;
        }

        Assert.Equal(1, await TransactionsFor(30, "one-batch"));
        Assert.Equal(4, await TransactionsFor(100, "four-batches"));
        Assert.Equal(100, (await db.Journal.ReadHighestSequenceNrAsync("four-batches", 0)));
    }

    [Fact]
    public async Task The_wal_is_checkpointed_every_WalAutocheckpointPages_pages_not_every_thousand()
    {
        var db = Open();

        // A single-event transaction appends about 3 pages (table leaf, index leaf, autoincrement row) to the WAL.
        // SQLite restarts the WAL after a checkpoint; the WAL header's checkpoint sequence number counts restarts.
        var seq = 0L;
        async Task Write(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.Null((await db.Journal.WriteMessagesAsync([new AtomicWrite(Event("c", ++seq))]))[0]);
            }
        }

        await Write(900);
        Assert.Equal(0u, WalCheckpointSequence());
        await Write(2_100);
        Assert.True(WalCheckpointSequence() > 0, "the WAL was never checkpointed and restarted");
        Assert.Equal(seq, await db.Journal.ReadHighestSequenceNrAsync("c", 0));
        Assert.Equal(4_000, SqliteDatabase.WalAutocheckpointPages);
    }

    /// <summary>The checkpoint sequence number in the WAL header (bytes 12 to 15, big-endian): how often the WAL restarted.</summary>
    private uint WalCheckpointSequence()
    {
        using var wal = new FileStream(_path + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        wal.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
    }

    [Fact]
    public async Task Opening_a_locked_database_names_the_file_and_the_lock()
    {
        Open();
        await _open[0].DisposeAsync();
        _open.Clear();
        using var locker = Raw();
        using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var error = Assert.Throws<SqliteStoreException>(() => Open(new SqliteStoreSettings { Path = _path, BusyTimeout = TimeSpan.FromMilliseconds(50) }));

        Assert.Contains(_path, error.Message);
        Assert.Contains("open failed", error.Message);
        Assert.Contains("locked", error.Message);
        Assert.Equal(5, error.ErrorCode);
        Assert.Equal(_path, error.Path);
    }

    [Fact]
    public void Opening_under_a_regular_file_names_the_file_and_the_cause()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, "not a directory");
        var inner = Path.Combine(_path, "db.sqlite");

        var error = Assert.Throws<SqliteStoreException>(() => Open(new SqliteStoreSettings { Path = inner }));

        Assert.Contains(inner, error.Message);
        Assert.Contains("open failed", error.Message);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_database_says_so()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, new string('x', 8192));

        var error = Assert.Throws<SqliteStoreException>(() => Open());

        Assert.Contains(_path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Fact]
    public async Task A_full_database_fails_the_write_naming_the_file_and_keeps_earlier_data()
    {
        var db = Open(new SqliteStoreSettings { Path = _path, MaxDatabaseSizeBytes = 128 * 1024 });
        Assert.Null((await db.Journal.WriteMessagesAsync([new AtomicWrite(Event("f", 1))]))[0]);

        var error = await Assert.ThrowsAsync<SqliteStoreException>(() =>
            db.Journal.WriteMessagesAsync([new AtomicWrite(Event("f", 2, new TestEvent("f", 2, new string('z', 300_000))))]));

        Assert.Contains(_path, error.Message);
        Assert.Contains("disk is full", error.Message);
        Assert.Equal(13, error.ErrorCode);
        Assert.Equal(1, await db.Journal.ReadHighestSequenceNrAsync("f", 0));
        Assert.Null((await db.Journal.WriteMessagesAsync([new AtomicWrite(Event("f", 2))]))[0]);
    }

    [Fact]
    public async Task A_disposed_database_refuses_reads_and_writes()
    {
        var db = Open();
        await db.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.Journal.WriteMessagesAsync([new AtomicWrite(Event("x", 1))]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.Journal.ReadHighestSequenceNrAsync("x", 0));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.SnapshotStore.SaveAsync(new SnapshotMetadata("x", 1, DateTimeOffset.UnixEpoch), new TestState("x", [])));
    }

    [Theory]
    [InlineData("", 500, 10_000, 5, "persistence.sqlite.path")]
    [InlineData("x.db", 0, 10_000, 5, "persistence.sqlite.write-batch-size")]
    [InlineData("x.db", 500, 0, 5, "persistence.sqlite.write-queue-capacity")]
    [InlineData("x.db", 500, 10_000, 0, "persistence.sqlite.busy-timeout")]
    public void Invalid_settings_name_key_value_and_constraint(string path, int batch, int queue, int busySeconds, string key)
    {
        var settings = new SqliteStoreSettings { Path = path, WriteBatchSize = batch, WriteQueueCapacity = queue, BusyTimeout = TimeSpan.FromSeconds(busySeconds) };

        var error = Assert.Throws<ConfigurationException>(() => SqliteDatabase.Open(settings));

        Assert.Equal(key, error.Key);
        Assert.StartsWith(key + " = ", error.Message);
        Assert.Contains("must", error.Constraint);
    }

    public sealed record RenamedEvent(string PersistenceId, long SequenceNr, string Text);

    public sealed record Unserializable(Action Callback);
}
