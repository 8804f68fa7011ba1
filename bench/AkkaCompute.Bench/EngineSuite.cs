using System.Diagnostics;
using Akka.Actor;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Node;
using AkkaCompute.Hosting.Settings;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run engine</c>: no-op task throughput and latency through the whole pipeline
/// (PeerActor, scheduler, executors, SQLite history; cache off), and memory per queued task. Throughput is measured at the
/// steady state (see <see cref="WarmUp"/>) and is the median of three runs of 100,000 tasks (one with quick), each on a fresh node.
/// The task latency's baseline is Akka.Persistence.Sql persisting one event at a time on SQLite
/// (<see cref="JournalSuite.PersistOneLatencies"/>), measured after it in the same run: a task's acceptance is durable
/// before its acknowledgement, so no task can be faster than that.
/// </summary>
public static class EngineSuite
{
    private const string Suite = "engine";

    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick)
    {
        var throughputTasks = quick ? 20_000 : 100_000;
        var latencyTasks = quick ? 500 : 2_000;
        var queuedTasks = quick ? 100_000 : 1_000_000;

        WarmUp(quick ? 2 : MaxWarmupRounds);
        var rates = new List<double>();
        for (var i = 0; i < (quick ? 1 : 3); i++)
        {
            rates.Add(Throughput(throughputTasks).GetAwaiter().GetResult());
        }

        rates.Sort();
        var rate = rates[rates.Count / 2];
        Console.Error.WriteLine($"engine: engine_noop_tasks_per_s = {rate:F0} (median of {rates.Count} runs of {throughputTasks:N0}: {string.Join(", ", rates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}), goal >= 50,000: {(rate >= 50_000 ? "met" : "MISSED")}");
        yield return new BenchResult(Suite, "engine_noop_tasks_per_s", rate, "tasks/s");
        var (p50, p99, afterP50, afterP99) = Latency(latencyTasks).GetAwaiter().GetResult();

        // Baseline: Akka.Persistence.Sql persisting one event at a time on SQLite, the least a durable acceptance costs.
        var (persistOne, rawOne) = JournalSuite.PersistOneLatencies();
        Console.Error.WriteLine($"engine: baseline, one journal event persisted at a time ({persistOne.Count:N0}): p50 {Percentiles.Of(persistOne, 0.50):0} us, p99 {Percentiles.Of(persistOne, 0.99):0} us (raw SQLite insert: p50 {Percentiles.Of(rawOne, 0.50):0} us, p99 {Percentiles.Of(rawOne, 0.99):0} us)");
        yield return new BenchResult(Suite, "engine_task_latency_us_p50", p50, "us", Percentiles.Of(persistOne, 0.50));
        yield return new BenchResult(Suite, "engine_task_latency_us_p99", p99, "us", Percentiles.Of(persistOne, 0.99));
        // The same tasks from their durable acknowledgement on: what is left after the acceptance's fsync'd journal write.
        yield return new BenchResult(Suite, "engine_task_latency_after_accept_us_p50", afterP50, "us");
        yield return new BenchResult(Suite, "engine_task_latency_after_accept_us_p99", afterP99, "us");
        yield return new BenchResult(Suite, "engine_queued_bytes_per_task", QueuedBytes(queuedTasks).GetAwaiter().GetResult(), "bytes");
    }

    /// <summary>Most warm-up rounds of 20,000 tasks before the throughput runs.</summary>
    private const int MaxWarmupRounds = 12;

    /// <summary>
    /// Runs rounds of 20,000 no-op tasks until the engine reaches its steady state, as BenchmarkDotNet's warm-up does: tiered
    /// JIT and dynamic PGO recompile the hot paths over the first 100,000 or so tasks, during which the rate climbs by half
    /// or more. Stops once three rounds in a row are within 10% of each other and at least five ran, or after
    /// <paramref name="maxRounds"/>. The rates go to stderr.
    /// </summary>
    private static void WarmUp(int maxRounds)
    {
        var rates = new List<double>();
        while (rates.Count < maxRounds)
        {
            rates.Add(Throughput(20_000).GetAwaiter().GetResult());
            if (rates.Count >= 5)
            {
                var last = rates.TakeLast(3).ToList();
                if (last.Max() <= last.Min() * 1.1)
                {
                    break;
                }
            }
        }

        Console.Error.WriteLine($"engine: warm-up rounds of 20,000 tasks: {string.Join(", ", rates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} tasks/s");
    }

    internal static NodeSettings TempSettings(string name, int workers)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"akc-bench-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        return new NodeSettings
        {
            Executor = new ExecutorSettings { MaxConcurrent = workers },
            Cache = new CacheSettings { Enabled = false },
            Storage = new StorageSettings { DataDirectory = dir, DatabasePath = Path.Combine(dir, "akc.db") },
        };
    }

    /// <summary>
    /// Submits <paramref name="tasks"/> in batches of 10,000 and waits until all have finished, counting
    /// terminal events in an actor subscribed to the node (so that the harness adds no thread hop per event).
    /// </summary>
    internal static async Task<double> RunAll(ComputeNode node, IReadOnlyList<TaskSpec> tasks)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = node.System.ActorOf(Props.Create(() => new FinishCounter(tasks.Count, done)));
        node.Peer.Tell(new SubscribeTaskEvents(), counter);
        var sw = Stopwatch.StartNew();
        foreach (var chunk in tasks.Chunk(10_000))
        {
            if (await node.SubmitAsync(chunk) is not BatchAccepted)
            {
                throw new InvalidOperationException("batch refused");
            }
        }

        await done.Task;
        var rate = tasks.Count / sw.Elapsed.TotalSeconds;
        node.System.Stop(counter);
        return rate;
    }

    private sealed class FinishCounter : ReceiveActor
    {
        public FinishCounter(int expected, TaskCompletionSource done)
        {
            var finished = 0;
            Receive<TaskEvent>(e =>
            {
                if (e.State.IsTerminal() && ++finished == expected)
                {
                    done.TrySetResult();
                }
            });
        }
    }

    private static async Task<double> Throughput(int count)
    {
        var settings = TempSettings("throughput", Environment.ProcessorCount);
        await using var node = await ComputeNode.StartAsync(settings);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var tasks = Enumerable.Range(0, count).Select(i => new TaskSpec { Id = $"{prefix}-{i}", Function = "noop", Cache = false }).ToList();
        var rate = await RunAll(node, tasks);
        Cleanup(settings);
        return rate;
    }

    /// <summary>
    /// One task at a time: submit to terminal event (the acceptance is journaled, fsync'd, before the acknowledgement), and
    /// from the acknowledgement to the terminal event. Percentiles of each, in microseconds.
    /// </summary>
    private static async Task<(double P50, double P99, double AfterP50, double AfterP99)> Latency(int count)
    {
        var settings = TempSettings("latency", Environment.ProcessorCount);
        await using var node = await ComputeNode.StartAsync(settings);
        var events = node.SubscribeEvents();
        var samples = new List<double>(count);
        var after = new List<double>(count);
        var withGc = new List<bool>(count);
        var gcs = (Gen0: 0, Gen1: 0, Gen2: 0, Pause: TimeSpan.Zero);
        for (var i = -200; i < count; i++)
        {
            if (i == 0)
            {
                gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            }

            var collections = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            await node.SubmitAsync([new TaskSpec { Id = "lat-" + i, Function = "noop", Cache = false }]);
            var accepted = Stopwatch.GetTimestamp();
            while (true)
            {
                var e = await events.ReadAsync();
                if (e.State.IsTerminal())
                {
                    break;
                }
            }

            if (i >= 0)
            {
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                after.Add(Stopwatch.GetElapsedTime(accepted).TotalMicroseconds);
                withGc.Add(GC.CollectionCount(0) != collections);
            }
        }

        // The garbage collections during the measured tasks (this process is the node), for the reader of the tail.
        var slowestIndexes = Enumerable.Range(0, samples.Count).OrderBy(i => samples[i]).TakeLast(count / 100).ToList();
        var slowest = slowestIndexes.Select(i => samples[i]).ToList();
        var slowWithGc = slowestIndexes.Count(i => withGc[i]);
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"engine: latency run of {count:N0} tasks: {GC.CollectionCount(0) - gcs.Gen0} gen0, {GC.CollectionCount(1) - gcs.Gen1} gen1, {GC.CollectionCount(2) - gcs.Gen2} gen2 collections, {(GC.GetTotalPauseDuration() - gcs.Pause).TotalMilliseconds:F1} ms paused; {withGc.Count(g => g)} tasks saw one; slowest 1%: {string.Join(", ", slowest.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} us, {slowWithGc} of them saw a collection"));
        samples.Sort();
        after.Sort();
        Cleanup(settings);
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)], after[after.Count / 2], after[(int)(after.Count * 0.99)]);
    }

    private static async Task<double> QueuedBytes(int count)
    {
        var settings = TempSettings("queued", 1);
        await using var node = await ComputeNode.StartAsync(settings);
        await node.SubmitAsync([new TaskSpec { Id = "blocker", Function = "sleep", Args = System.Text.Json.JsonDocument.Parse("{\"ms\":600000}").RootElement.Clone(), Cache = false }]);
        while ((await node.StatusAsync()).Running < 1)
        {
            await Task.Delay(10);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var tasks = Enumerable.Range(0, count).Select(i => new TaskSpec { Id = "q-" + i, Function = "noop", Cache = false }).ToArray();
        foreach (var chunk in tasks.Chunk(10_000))
        {
            await node.SubmitAsync(chunk);
        }

        var status = await node.StatusAsync();
        while (status.Queued < count)
        {
            await Task.Delay(100);
            status = await node.StatusAsync();
        }

        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(tasks);
        await node.CancelAsync("blocker");
        Cleanup(settings);
        // Counts everything a queued task costs: its spec, the node's table row, history projection and heap node.
        return (after - before) / (double)count;
    }

    internal static void Cleanup(NodeSettings settings)
    {
        try
        {
            Directory.Delete(settings.Storage.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
