using System.Diagnostics;
using AkkaCompute.Compute.History;
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
            for (var start = 0; start < count; start += perRow)
            {
                var n = Math.Min(perRow, count - start);
                object payload = perRow == 1
                    ? new TaskStarted("task-" + start, 1, at)
                    : new TaskEventBatch(Enumerable.Range(start, n).Select(i => (ITaskHistoryEvent)new TaskStarted("task-" + i, 1, at)).ToArray());
                writes.Add(new AtomicWrite(new PersistentRepresentation("akc-history", ++seq, payload)));
                if (writes.Count == 500)
                {
                    await db.Journal.WriteMessagesAsync(writes);
                    writes.Clear();
                }
            }

            await db.Journal.WriteMessagesAsync(writes);
            var projection = new HistoryProjection();
            var replayed = 0L;
            var sw = Stopwatch.StartNew();
            await db.Journal.ReplayMessagesAsync("akc-history", 1, long.MaxValue, long.MaxValue, r => replayed += projection.ApplyStored(r.Payload));
            var units = perRow == 1 ? seq : replayed;
            return units / sw.Elapsed.TotalSeconds;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
