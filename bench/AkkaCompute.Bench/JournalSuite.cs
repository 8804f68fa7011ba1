using System.Diagnostics;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Persistence;
using AkkaCompute.Persistence.Sqlite;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run journal</c>: recovery of a task history from the SQLite journal, deserialized and
/// folded into the history projection as the HistoryActor's recovery does. <c>journal_replay_events_per_s</c> replays the history as the HistoryActor writes it
/// (lifecycle events batched per write, <see cref="TaskEventBatch"/> of up to 1,000 events);
/// <c>journal_replay_rows_per_s</c> replays one event per row, the Akka.Persistence.Sql shape.
/// </summary>
public static class JournalSuite
{
    private const string Suite = "journal";

    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var events = quick ? 200_000 : 1_000_000;
        yield return new BenchResult(Suite, "journal_replay_events_per_s", Replay(events, perRow: 1_000).GetAwaiter().GetResult(), "events/s");
        yield return new BenchResult(Suite, "journal_replay_rows_per_s", Replay(events, perRow: 1).GetAwaiter().GetResult(), "rows/s");
    }

    private static async Task<double> Replay(int count, int perRow)
    {
        var dir = Directory.CreateTempSubdirectory("akc-bench-journal-");
        try
        {
            await using var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = Path.Combine(dir.FullName, "akc.db") });
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var seq = 0L;
            var writes = new List<AtomicWrite>();
            async Task Add(object payload)
            {
                writes.Add(new AtomicWrite(new PersistentRepresentation("akc-history", ++seq, payload)));
                if (writes.Count == 500)
                {
                    await db.Journal.WriteMessagesAsync(writes);
                    writes.Clear();
                }
            }

            // A realistic history: every task is accepted, started and finished (3 events per task).
            var tasks = count / 3;
            for (var start = 0; start < tasks; start += perRow)
            {
                var ids = Enumerable.Range(start, Math.Min(perRow, tasks - start)).Select(i => "task-" + i).ToArray();
                var specs = ids.Select(id => new TaskSpec { Id = id, Function = "noop" }).ToArray();
                var started = ids.Select(id => (ITaskHistoryEvent)new TaskStarted(id, 1, at)).ToArray();
                var finished = ids.Select(id => (ITaskHistoryEvent)new TaskFinished(new TaskResult(id, TaskState.Succeeded, null, null, 1, 1.5), at)).ToArray();
                if (perRow == 1)
                {
                    await Add(new TaskAccepted(specs[0], at));
                    await Add(started[0]);
                    await Add(finished[0]);
                }
                else
                {
                    await Add(new TasksAccepted(specs, at));
                    await Add(new TaskEventBatch(started));
                    await Add(new TaskEventBatch(finished));
                }
            }

            await db.Journal.WriteMessagesAsync(writes);
            var projection = new HistoryProjection();
            var replayed = 0L;
            var sw = Stopwatch.StartNew();
            await db.Journal.ReplayMessagesAsync("akc-history", 1, long.MaxValue, long.MaxValue, r => replayed += projection.ApplyStored(r.Payload));
            if (replayed != tasks * 3L || projection.Count != tasks)
            {
                throw new InvalidOperationException($"replayed {replayed} events for {projection.Count} tasks, expected {tasks * 3} for {tasks}");
            }

            return (perRow == 1 ? seq : replayed) / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
