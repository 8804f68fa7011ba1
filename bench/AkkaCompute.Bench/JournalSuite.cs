using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run journal</c>: Akka.Persistence.Sql 1.5 on SQLite (<c>ProviderName.SQLiteMS</c>, WAL set by a pragma on each
/// file before Akka opens it, journal and snapshot store in separate files, multi-row inserts with parameters as the node
/// configures them (see <c>HistoryStore.ToConfig</c>), the plugin's defaults otherwise) with the
/// bench's own persistent actor (<see cref="BenchHistoryActor"/>) and events: each journal event is a
/// <see cref="TransitionBatch"/> of up to 256 task transitions, serialized with System.Text.Json by
/// <see cref="TransitionBatchSerializer"/>. Every task goes Accepted, Running, Succeeded (3 transitions). Each figure
/// has a raw Microsoft.Data.Sqlite baseline measured in the same run, writing and reading the same JSON rows in a table
/// of its own file (same pragmas, prepared statements, no actor):
/// <list type="bullet">
/// <item><c>journal_persistall_transitions_per_s</c>: commands of <see cref="RowsPerCommand"/> rows, each one
/// <c>PersistAll</c> (the actor takes the next command once the write is done); baseline: the same rows,
/// <see cref="RowsPerCommand"/> per transaction.</item>
/// <item><c>journal_persistasync_transitions_per_s</c>: one row per command, <c>PersistAsync</c>, every command sent at
/// once (the journal batches the writes, batch-size 100); baseline: the same rows, 100 per transaction.</item>
/// <item><c>journal_replay_events_per_s</c>: a fresh actor recovers the PersistAll history until
/// <c>RecoveryCompleted</c>, deserializing every row and folding each transition into a <see cref="BenchProjection"/>;
/// counted in transitions (events) per second. Baseline: SELECT of the same rows in order, the same deserialization and
/// fold. Best of 2, interleaved.</item>
/// <item><c>journal_persist_one_latency_us_p50</c> / <c>_p99</c>: one row of one transition per command, <c>Persist</c>, the
/// next command sent once the previous one's handler ran (<see cref="LatencySamples"/> of them): the least a durable
/// acknowledgement of one task costs, as the engine's and the cluster's latency pay it. Baseline: one INSERT per transaction
/// (autocommit) of the same row, one at a time.</item>
/// </list>
/// </summary>
public static class JournalSuite
{
    /// <summary>Rows (events of up to 256 transitions) per PersistAll command, and per transaction of its baseline.</summary>
    public const int RowsPerCommand = 4;

    /// <summary>The journal plugin's default batch-size: rows per transaction of the PersistAsync baseline.</summary>
    public const int JournalBatchSize = 100;

    private const string Suite = "journal";

    /// <summary>Runs the suite; <paramref name="quick"/> uses a fifth of the tasks.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var tasks = quick ? 60_000 : 300_000;
        var dir = Directory.CreateTempSubdirectory("akc-bench-journal-");
        try
        {
            foreach (var result in RunIn(dir.FullName, tasks))
            {
                yield return result;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static List<BenchResult> RunIn(string dir, int tasks)
    {
        var journalPath = Path.Combine(dir, "journal.db");
        var snapshotPath = Path.Combine(dir, "snapshots.db");
        var rawPath = Path.Combine(dir, "raw.db");
        foreach (var path in new[] { journalPath, snapshotPath, rawPath })
        {
            SetWal(path);
        }

        var rows = History(tasks);
        var transitions = rows.Sum(r => (long)r.Transitions.Length);
        Log($"{tasks:N0} tasks, {transitions:N0} transitions in {rows.Length:N0} rows of up to {TransitionBatch.MaxTransitions}; " +
            $"{TransitionBatchSerializer.Encode(rows[0]).Length:N0} JSON bytes per full row; {LoadAverage()}");
        var results = new List<BenchResult>();
        using var raw = new RawJournal(rawPath);
        var system = ActorSystem.Create("journalbench", Config(journalPath, snapshotPath));
        try
        {
            // Warm-up (JIT, table creation, connection pools) of every path, not counted.
            var warm = rows.Take(8).ToArray();
            raw.Write("warm-1", warm, RowsPerCommand);
            raw.Replay("warm-1", warm.Sum(w => (long)w.Transitions.Length));
            Persist(system, "warm-1", warm, async: false);
            Persist(system, "warm-2", warm, async: true);
            Replay(system, "warm-1", warm.Sum(w => (long)w.Transitions.Length));

            var rawAll = raw.Write("all", rows, RowsPerCommand);
            var akkaAll = Persist(system, "all", rows, async: false);
            Log($"PersistAll {RowsPerCommand} rows per command: akka {akkaAll:N0} transitions/s, raw {rawAll:N0} ({LoadAverage()})");
            results.Add(new BenchResult(Suite, "journal_persistall_transitions_per_s", akkaAll, "transitions/s", rawAll));

            var rawAsync = raw.Write("async", rows, JournalBatchSize);
            var akkaAsync = Persist(system, "async", rows, async: true);
            Log($"PersistAsync 1 row per command: akka {akkaAsync:N0} transitions/s, raw {JournalBatchSize} rows/tx {rawAsync:N0} ({LoadAverage()})");
            results.Add(new BenchResult(Suite, "journal_persistasync_transitions_per_s", akkaAsync, "transitions/s", rawAsync));

            double bestAkka = 0, bestRaw = 0;
            for (var run = 1; run <= 2; run++)
            {
                var r = raw.Replay("all", transitions);
                var a = Replay(system, "all", transitions);
                Log($"replay run {run}: akka {a:N0} transitions/s, raw {r:N0} ({LoadAverage()})");
                (bestAkka, bestRaw) = (Math.Max(bestAkka, a), Math.Max(bestRaw, r));
            }

            results.Add(new BenchResult(Suite, "journal_replay_events_per_s", bestAkka, "events/s", bestRaw));

            var one = OneTransitionRows();
            var rawOne = raw.WriteOneAtATime("one", one).Skip(LatencyWarmUp).ToList();
            var akkaOne = PersistOneAtATime(system, "one", one).Skip(LatencyWarmUp).ToList();
            Log($"Persist one row at a time ({LatencySamples:N0}): akka p50 {Percentiles.Of(akkaOne, 0.50):0} us, p99 {Percentiles.Of(akkaOne, 0.99):0} us; " +
                $"raw p50 {Percentiles.Of(rawOne, 0.50):0} us, p99 {Percentiles.Of(rawOne, 0.99):0} us ({LoadAverage()})");
            results.Add(new BenchResult(Suite, "journal_persist_one_latency_us_p50", Percentiles.Of(akkaOne, 0.50), "us", Percentiles.Of(rawOne, 0.50)));
            results.Add(new BenchResult(Suite, "journal_persist_one_latency_us_p99", Percentiles.Of(akkaOne, 0.99), "us", Percentiles.Of(rawOne, 0.99)));
            return results;
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Akka.Persistence.Sql on the two SQLite files, the bench serializer bound to <see cref="TransitionBatch"/>.</summary>
    private static Config Config(string journalPath, string snapshotPath)
    {
        var serializer = typeof(TransitionBatchSerializer);
        var message = typeof(TransitionBatch);
        var provider = LinqToDB.ProviderName.SQLiteMS;
        return ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              actor {
                serializers { bench-transitions = "{{serializer.FullName}}, {{serializer.Assembly.GetName().Name}}" }
                serialization-bindings { "{{message.FullName}}, {{message.Assembly.GetName().Name}}" = bench-transitions }
              }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql {
                    connection-string = "Data Source={{journalPath}}"
                    provider-name = "{{provider}}"
                    auto-initialize = true
                    prefer-parameters-on-multirow-insert = on
                  }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql {
                    connection-string = "Data Source={{snapshotPath}}"
                    provider-name = "{{provider}}"
                    auto-initialize = true
                  }
                }
              }
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// <c>journal_persist_one_latency_us</c> on its own, in fresh files of a temporary directory: Akka.Persistence.Sql's and the raw
    /// baseline's latencies of <see cref="LatencySamples"/> rows persisted one at a time, in microseconds (the engine suite's
    /// baseline for its task latency, measured in the same run).
    /// </summary>
    public static (List<double> Akka, List<double> Raw) PersistOneLatencies()
    {
        var dir = Directory.CreateTempSubdirectory("akc-bench-persist-one-");
        try
        {
            var journalPath = Path.Combine(dir.FullName, "journal.db");
            var snapshotPath = Path.Combine(dir.FullName, "snapshots.db");
            var rawPath = Path.Combine(dir.FullName, "raw.db");
            foreach (var path in new[] { journalPath, snapshotPath, rawPath })
            {
                SetWal(path);
            }

            var one = OneTransitionRows();
            using var raw = new RawJournal(rawPath);
            var system = ActorSystem.Create("journalbench", Config(journalPath, snapshotPath));
            try
            {
                var rawOne = raw.WriteOneAtATime("one", one).Skip(LatencyWarmUp).ToList();
                var akkaOne = PersistOneAtATime(system, "one", one).Skip(LatencyWarmUp).ToList();
                return (akkaOne, rawOne);
            }
            finally
            {
                system.Terminate().Wait(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The rows of <see cref="PersistOneLatencies"/>: one Accepted transition each, warm-up and samples.</summary>
    private static TransitionBatch[] OneTransitionRows() =>
        History(LatencySamples + LatencyWarmUp).Where(r => r.Transitions[0].State == BenchTaskState.Accepted)
            .SelectMany(r => r.Transitions).Take(LatencySamples + LatencyWarmUp).Select(t => new TransitionBatch([t])).ToArray();

    /// <summary>Rows persisted one at a time for <c>journal_persist_one_latency_us</c>: 2,000, after <see cref="LatencyWarmUp"/> unmeasured.</summary>
    public const int LatencySamples = 2_000;

    /// <summary>Rows persisted one at a time before the latency samples, unmeasured: 100.</summary>
    private const int LatencyWarmUp = 100;

    /// <summary>
    /// Persists <paramref name="rows"/> under <paramref name="persistenceId"/> one at a time (<c>Persist</c>; the next command
    /// is sent once the previous one's handler ran); each row's latency in microseconds, in order.
    /// </summary>
    /// <exception cref="TimeoutException">A row was not persisted within 10 s.</exception>
    private static List<double> PersistOneAtATime(ActorSystem system, string persistenceId, TransitionBatch[] rows)
    {
        var never = new TaskCompletionSource<long>();
        var actor = system.ActorOf(Props.Create(() => new BenchHistoryActor(persistenceId, -2, never)));
        var latencies = new List<double>(rows.Length);
        foreach (var row in rows)
        {
            var start = Stopwatch.GetTimestamp();
            actor.Ask<PersistedOne>(new PersistOne(row), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        system.Stop(actor);
        return latencies;
    }


    /// <summary>Sets <c>journal_mode=WAL</c> on the database file (creating it); SQLite keeps that mode in the file.</summary>
    private static void SetWal(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{path}: journal_mode is '{mode}', not wal");
        }
    }

    /// <summary>
    /// The history of <paramref name="tasks"/> tasks as rows: for every 256 tasks, a row of their Accepted transitions, one
    /// of Running, one of Succeeded.
    /// </summary>
    private static TransitionBatch[] History(int tasks)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var rows = new List<TransitionBatch>();
        for (var start = 0; start < tasks; start += TransitionBatch.MaxTransitions)
        {
            var ids = Enumerable.Range(start, Math.Min(TransitionBatch.MaxTransitions, tasks - start)).Select(i => $"task-{i:D7}").ToArray();
            foreach (var state in new[] { BenchTaskState.Accepted, BenchTaskState.Running, BenchTaskState.Succeeded })
            {
                rows.Add(new TransitionBatch([.. ids.Select((id, i) => new TaskTransition(id, state, 1, at + start + i))]));
            }
        }

        return [.. rows];
    }

    /// <summary>Persists <paramref name="rows"/> under <paramref name="persistenceId"/>; transitions per second.</summary>
    private static double Persist(ActorSystem system, string persistenceId, TransitionBatch[] rows, bool async)
    {
        var expected = rows.Sum(r => (long)r.Transitions.Length);
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new BenchHistoryActor(persistenceId, expected, done)));
        var sw = Stopwatch.StartNew();
        if (async)
        {
            foreach (var row in rows)
            {
                actor.Tell(new PersistRowAsync(row));
            }
        }
        else
        {
            foreach (var chunk in rows.Chunk(RowsPerCommand))
            {
                actor.Tell(new PersistRows(chunk));
            }
        }

        if (!done.Task.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException($"{persistenceId}: the journal did not confirm {expected:N0} transitions within 5 minutes");
        }

        var seconds = sw.Elapsed.TotalSeconds;
        system.Stop(actor);
        return done.Task.Result / seconds;
    }

    /// <summary>
    /// A fresh actor recovers <paramref name="persistenceId"/>; transitions folded per second until RecoveryCompleted.
    /// </summary>
    /// <exception cref="InvalidOperationException">It replayed another number of transitions than <paramref name="expected"/>.</exception>
    private static double Replay(ActorSystem system, string persistenceId, long expected)
    {
        var recovered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sw = Stopwatch.StartNew();
        var actor = system.ActorOf(Props.Create(() => new BenchHistoryActor(persistenceId, recovered)));
        if (!recovered.Task.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException($"{persistenceId}: recovery did not complete within 5 minutes");
        }

        var seconds = sw.Elapsed.TotalSeconds;
        system.Stop(actor);
        return Checked(persistenceId, "akka", recovered.Task.Result, expected) / seconds;
    }

    private static long Checked(string persistenceId, string what, long replayed, long expected) => replayed == expected
        ? replayed
        : throw new InvalidOperationException($"{persistenceId} ({what}): replayed {replayed:N0} transitions, {expected:N0} were written");

    private static string LoadAverage()
    {
        try
        {
            return "load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "load ?";
        }
    }

    private static void Log(string line) => Console.Error.WriteLine("journal: " + line);

    /// <summary>Command to <see cref="BenchHistoryActor"/>: persist these rows with one PersistAll.</summary>
    /// <param name="Rows">The journal events to write.</param>
    private sealed record PersistRows(TransitionBatch[] Rows);

    /// <summary>Command to <see cref="BenchHistoryActor"/>: persist this row with PersistAsync (commands keep coming meanwhile).</summary>
    /// <param name="Row">The journal event to write.</param>
    private sealed record PersistRowAsync(TransitionBatch Row);

    /// <summary>Command to <see cref="BenchHistoryActor"/>: persist this row with Persist and answer <see cref="PersistedOne"/> from its handler.</summary>
    /// <param name="Row">The journal event to write.</param>
    private sealed record PersistOne(TransitionBatch Row);

    /// <summary>The answer to <see cref="PersistOne"/> once the row is durable.</summary>
    private sealed record PersistedOne;

    /// <summary>
    /// The bench's stand-in for the HistoryActor: persists <see cref="TransitionBatch"/> rows and folds them into a
    /// <see cref="BenchProjection"/>, on write and on recovery. A writer completes its task once it has persisted the
    /// expected number of transitions; a reader completes its task with the transitions replayed at RecoveryCompleted.
    /// </summary>
    private sealed class BenchHistoryActor : ReceivePersistentActor
    {
        private readonly BenchProjection _projection = new();
        private readonly long _expected;
        private readonly TaskCompletionSource<long> _done;

        /// <summary>A writer: completes <paramref name="done"/> once <paramref name="expected"/> transitions are persisted.</summary>
        public BenchHistoryActor(string persistenceId, long expected, TaskCompletionSource<long> done)
            : this(persistenceId, done, expected)
        {
        }

        /// <summary>A reader: completes <paramref name="recovered"/> with the transitions replayed, at RecoveryCompleted.</summary>
        public BenchHistoryActor(string persistenceId, TaskCompletionSource<long> recovered)
            : this(persistenceId, recovered, expected: -1)
        {
        }

        private BenchHistoryActor(string persistenceId, TaskCompletionSource<long> done, long expected)
        {
            PersistenceId = persistenceId;
            (_done, _expected) = (done, expected);
            Recover<TransitionBatch>(_projection.Apply);
            Recover<RecoveryCompleted>(_ =>
            {
                if (_expected < 0)
                {
                    _done.TrySetResult(_projection.Transitions);
                }
            });
            Command<PersistRows>(command => PersistAll(command.Rows, Applied));
            Command<PersistRowAsync>(command => PersistAsync(command.Row, Applied));
            Command<PersistOne>(command =>
            {
                var sender = Sender;
                Persist(command.Row, row =>
                {
                    _projection.Apply(row);
                    sender.Tell(new PersistedOne());
                });
            });
        }

        /// <inheritdoc />
        public override string PersistenceId { get; }

        /// <inheritdoc />
        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            _done.TrySetException(new InvalidOperationException($"{PersistenceId}: event {sequenceNr} was rejected: {cause.Message}", cause));
            base.OnPersistRejected(cause, @event, sequenceNr);
        }

        /// <inheritdoc />
        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _done.TrySetException(new InvalidOperationException($"{PersistenceId}: writing event {sequenceNr} failed: {cause.Message}", cause));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        private void Applied(TransitionBatch row)
        {
            _projection.Apply(row);
            if (_projection.Transitions == _expected)
            {
                _done.TrySetResult(_projection.Transitions);
            }
        }
    }

    /// <summary>The baseline's prepared INSERT of one serialized row into its journal-shaped table, in <c>tx</c> if given.</summary>
    private sealed class PreparedInsert : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _pid;
        private readonly SqliteParameter _seq;
        private readonly SqliteParameter _created;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _payload;

        public PreparedInsert(SqliteConnection connection, SqliteTransaction? tx)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = tx;
            _insert.CommandText = "INSERT INTO journal (persistence_id, sequence_number, created, identifier, payload) VALUES ($pid, $seq, $created, $id, $payload)";
            _pid = _insert.Parameters.Add("$pid", SqliteType.Text);
            _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
            _created = _insert.Parameters.Add("$created", SqliteType.Integer);
            _id = _insert.Parameters.Add("$id", SqliteType.Integer);
            _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);
            _insert.Prepare();
        }

        /// <summary>Serializes <paramref name="row"/> and inserts it as event <paramref name="seq"/> of <paramref name="persistenceId"/>.</summary>
        public void Run(string persistenceId, long seq, TransitionBatch row)
        {
            _pid.Value = persistenceId;
            _seq.Value = seq;
            _created.Value = DateTime.UtcNow.Ticks;
            _id.Value = TransitionBatchSerializer.Id;
            _payload.Value = TransitionBatchSerializer.Encode(row);
            _insert.ExecuteNonQuery();
        }

        public void Dispose() => _insert.Dispose();
    }

    /// <summary>
    /// The baseline: the same JSON rows in a journal-shaped table (ordering, persistence id, sequence number, timestamp,
    /// serializer id, payload) of its own SQLite file, with prepared statements and no actor.
    /// </summary>
    private sealed class RawJournal : IDisposable
    {
        private readonly SqliteConnection _connection;

        /// <summary>Opens <paramref name="path"/> and creates the table.</summary>
        public RawJournal(string path)
        {
            _connection = new SqliteConnection($"Data Source={path}");
            _connection.Open();
            using var create = _connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS journal (
                  ordering INTEGER PRIMARY KEY AUTOINCREMENT,
                  persistence_id TEXT NOT NULL,
                  sequence_number INTEGER NOT NULL,
                  created INTEGER NOT NULL,
                  identifier INTEGER NOT NULL,
                  payload BLOB NOT NULL,
                  UNIQUE (persistence_id, sequence_number));
                """;
            create.ExecuteNonQuery();
        }

        /// <summary>Serializes and inserts <paramref name="rows"/>, <paramref name="rowsPerTransaction"/> per transaction; transitions per second.</summary>
        public double Write(string persistenceId, TransitionBatch[] rows, int rowsPerTransaction)
        {
            var sw = Stopwatch.StartNew();
            var seq = 0L;
            long transitions = 0;
            foreach (var chunk in rows.Chunk(rowsPerTransaction))
            {
                using var tx = _connection.BeginTransaction();
                using var insert = new PreparedInsert(_connection, tx);
                foreach (var row in chunk)
                {
                    insert.Run(persistenceId, ++seq, row);
                    transitions += row.Transitions.Length;
                }

                tx.Commit();
            }

            return transitions / sw.Elapsed.TotalSeconds;
        }

        /// <summary>Inserts <paramref name="rows"/> one per transaction (autocommit), one at a time; each one's latency in microseconds.</summary>
        public List<double> WriteOneAtATime(string persistenceId, TransitionBatch[] rows)
        {
            using var insert = new PreparedInsert(_connection, null);
            var latencies = new List<double>(rows.Length);
            var seq = 0L;
            foreach (var row in rows)
            {
                var start = Stopwatch.GetTimestamp();
                insert.Run(persistenceId, ++seq, row);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            return latencies;
        }

        /// <summary>Reads every row of <paramref name="persistenceId"/> in order, deserializes and folds it; transitions per second.</summary>
        /// <exception cref="InvalidOperationException">It read another number of transitions than <paramref name="expected"/>.</exception>
        public double Replay(string persistenceId, long expected)
        {
            var sw = Stopwatch.StartNew();
            var projection = new BenchProjection();
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT payload FROM journal WHERE persistence_id = $pid ORDER BY sequence_number";
            select.Parameters.AddWithValue("$pid", persistenceId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                projection.Apply(TransitionBatchSerializer.Decode((byte[])reader[0]));
            }

            var seconds = sw.Elapsed.TotalSeconds;
            return Checked(persistenceId, "raw", projection.Transitions, expected) / seconds;
        }

        /// <summary>Closes the connection.</summary>
        public void Dispose() => _connection.Dispose();
    }
}
