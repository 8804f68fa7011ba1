using System.Diagnostics;
using AkkaCompute.Compute.History;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Persistence;
using AkkaCompute.Persistence.Sqlite;

namespace AkkaCompute.Bench;

/// <summary><c>bench/run journal</c>: replay rate of a task history from the SQLite journal.</summary>
public static class JournalSuite
{
    private const string Suite = "journal";

    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var events = quick ? 200_000 : 1_000_000;
        yield return new BenchResult(Suite, "journal_replay_events_per_s", Replay(events).GetAwaiter().GetResult(), "events/s");
    }

    private static async Task<double> Replay(int count)
    {
        var dir = Directory.CreateTempSubdirectory("akc-bench-journal-");
        try
        {
            await using var db = SqliteDatabase.Open(new SqliteStoreSettings { Path = Path.Combine(dir.FullName, "akc.db") });
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            const int batch = 5_000;
            for (var start = 0; start < count; start += batch)
            {
                var writes = Enumerable.Range(start, Math.Min(batch, count - start))
                    .Select(i => new AtomicWrite(new PersistentRepresentation("akc-history", i + 1, new TaskStarted("task-" + i, 1, at))))
                    .ToList();
                await db.Journal.WriteMessagesAsync(writes);
            }

            var projection = new HistoryProjection();
            var replayed = 0;
            var sw = Stopwatch.StartNew();
            await db.Journal.ReplayMessagesAsync("akc-history", 1, long.MaxValue, long.MaxValue, r =>
            {
                replayed++;
                projection.Apply((ITaskHistoryEvent)r.Payload);
            });
            var rate = replayed / sw.Elapsed.TotalSeconds;
            return replayed == count ? rate : throw new InvalidOperationException($"replayed {replayed} of {count} events");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
