using System.Diagnostics;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run cluster</c>: three <c>akc node</c> processes on 127.0.0.1 (hocon/lan.conf, each its own data directory with
/// its SQLite journal) and this process as the client, submitting through <see cref="ComputeClient"/> (ClusterClient) to the
/// first node, which is the tasks' home and places them over the three by Hamming distance. Acceptance is durable: the home
/// holds each batch on a majority of the members (<c>akc.cluster.acceptance = majority</c>) and journals it before it
/// acknowledges it. The baseline of throughput and latency is a first cluster with <c>akc.cluster.acceptance = local</c>,
/// measured the same way in the same run.
/// <list type="bullet">
/// <item><c>cluster_noop_tasks_per_s</c>: 20,000 no-op tasks (the built-in <c>echo</c>, cache off; 2,000 with --quick), from
/// the first submission until the home counts them all succeeded (its status polled every 10 ms), the median of three such
/// jobs on a cluster that has just run the same job once (warm: <c>akc</c> compiles each method fully optimized at its first call, and a fresh node
/// still meets new code paths throughout its first large job); <c>cluster_noop_tasks_per_s_first</c>: that first job, on
/// the freshly started cluster.</item>
/// <item><c>cluster_task_latency_p50_ms</c> / <c>_p99_ms</c>: one no-op task at a time (200; 50 with --quick; after
/// <see cref="WarmUpTasks"/> unmeasured), from the
/// submission until its result was read (pushed by the home: WatchResults); <c>cluster_submit_ack_p50_ms</c> / <c>_p99_ms</c>: the
/// acknowledgement alone (the batch journaled by the home), with a ClusterClient ask that does nothing at the home as
/// the baseline.</item>
/// <item><c>fault_run_s</c> against <c>fault_free_s</c> as its baseline, and <c>fault_overhead_pct</c>: 3,000 x 10 ms
/// <c>sleep</c> tasks (600 with --quick), without and then with a SIGKILL of a member that is not the home 1 s in,
/// until the home counts them all succeeded (the killed member's tasks are handed off once the split-brain resolver
/// downs it); <c>fault_run_vs_capacity_bound</c>: that run against the least time any scheduler could take after losing a
/// third of the executors 1 s in (1 + (fault_free_s - 1) x 3/2); <c>failure_rerun_s</c>: from that kill until the home handed the first of the killed member's tasks to another
/// member (its hand-off counter grew; the job may end first, then the metric is left out).</item>
/// <item><c>steal_balance_s</c> against <c>fault_free_s</c> as its baseline, and <c>steal_balance_ratio</c>: the same sleep job
/// on a cluster whose home keeps every task (<c>akc.cluster.placement = home</c>), so that only work stealing spreads
/// them, against the even spread by Hamming distance (goal: within 1.3x).</item>
/// </list>
/// </summary>
internal static class ClusterSuite
{
    private const string Suite = "cluster";

    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    /// <summary>
    /// <c>bench/run throughput</c>: only <c>cluster_noop_tasks_per_s</c> on one durable cluster (20,000 tasks; 2,000 with --quick),
    /// a short run to profile the nodes under load (e.g. with perf and <c>DOTNET_PerfMapEnabled=1</c>, inherited by the nodes).
    /// </summary>
    public static IEnumerable<BenchResult> RunThroughput(bool quick) => RunThroughputAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunThroughputAsync(bool quick)
    {
        await using var cluster = await BenchCluster.StartAsync([]);
        var (first, warm) = await OnAsync(cluster, c => ThroughputAsync(c, quick ? 2_000 : 20_000));
        return [new BenchResult(Suite, "cluster_noop_tasks_per_s", warm, "tasks/s"), new BenchResult(Suite, "cluster_noop_tasks_per_s_first", first, "tasks/s")];
    }

    /// <summary>Runs <paramref name="measure"/> on <paramref name="cluster"/>; on failure prints the nodes' last lines to stderr first.</summary>
    private static async Task<T> OnAsync<T>(BenchCluster cluster, Func<ComputeClient, Task<T>> measure)
    {
        try
        {
            return await measure(cluster.Client);
        }
        catch (Exception)
        {
            foreach (var node in cluster.Nodes)
            {
                await Console.Error.WriteLineAsync(node.Describe());
            }

            throw;
        }
    }

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var count = quick ? 2_000 : 20_000;
        var latencyCount = quick ? 50 : 200;

        // Baseline first: the same cluster with akc.cluster.acceptance = local (acknowledged without waiting for a majority).
        double localThroughput;
        List<double> localSamples;
        await using (var local = await BenchCluster.StartAsync(["--set", "cluster.acceptance=local"]))
        {
            (_, localThroughput) = await OnAsync(local, c => ThroughputAsync(c, count));
            (localSamples, _, _) = await OnAsync(local, c => LatencySamplesAsync(c, latencyCount));
        }

        // Skewed placement for steal_balance: every task placed on its home (akc.cluster.placement = home), so only work
        // stealing spreads them; compared below with the same job spread by Hamming distance (fault_free_s).
        var sleeps = quick ? 600 : 3_000;
        double skewed;
        await using (var home = await BenchCluster.StartAsync(["--set", "cluster.placement=home"]))
        {
            (skewed, _) = await OnAsync(home, c => SleepJobAsync(c, sleeps, "skewed", kill: null));
        }

        await using var cluster = await BenchCluster.StartAsync([]);
        var client = cluster.Client;
        var results = new List<BenchResult>();
        var (first, warm) = await OnAsync(cluster, c => ThroughputAsync(c, count));
        results.Add(new BenchResult(Suite, "cluster_noop_tasks_per_s", warm, "tasks/s", localThroughput));
        results.Add(new BenchResult(Suite, "cluster_noop_tasks_per_s_first", first, "tasks/s"));
        var gcBefore = await NodeGc.OfAsync(cluster);
        var clientGcBefore = (Collections: GC.CollectionCount(0), Paused: GC.GetTotalPauseDuration());
        var (samples, acks, taken) = await OnAsync(cluster, c => LatencySamplesAsync(c, latencyCount));
        var gcAfter = await NodeGc.OfAsync(cluster);
        Console.Error.WriteLine($"cluster: the client (this process) during the latency samples: {GC.CollectionCount(0) - clientGcBefore.Collections} collections, "
            + $"{(GC.GetTotalPauseDuration() - clientGcBefore.Paused).TotalMilliseconds:0.0} ms paused; heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0.0} MiB");
        foreach (var line in TaskStages.DescribeSlowest(await TaskStages.OfAsync(client, taken), 4))
        {
            Console.Error.WriteLine("cluster: " + line);
        }

        Console.Error.WriteLine($"cluster: during the {latencyCount} latency samples: {gcAfter.Since(gcBefore)}; slowest: "
            + string.Join(", ", samples.Order().TakeLast(Math.Max(2, latencyCount / 50)).Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))) + " ms");
        Console.Error.WriteLine("cluster: " + await NodeGc.LastOfAsync(cluster));
        results.Add(new BenchResult(Suite, "cluster_task_latency_p50_ms", Percentiles.Of(samples, 0.50), "ms", Percentiles.Of(localSamples, 0.50)));
        results.Add(new BenchResult(Suite, "cluster_task_latency_p99_ms", Percentiles.Of(samples, 0.99), "ms", Percentiles.Of(localSamples, 0.99)));
        var asks = new List<double>();
        for (var i = 0; i < samples.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.MembersAsync();
            asks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        // Baseline: a ClusterClient ask that does nothing at the home (GetMembership), in the same run.
        results.Add(new BenchResult(Suite, "cluster_submit_ack_p50_ms", Percentiles.Of(acks, 0.50), "ms", Percentiles.Of(asks, 0.50)));
        results.Add(new BenchResult(Suite, "cluster_submit_ack_p99_ms", Percentiles.Of(acks, 0.99), "ms", Percentiles.Of(asks, 0.99)));

        // Last, as it kills a member: the same sleep job without and with a kill -9 of a non-home member 1 s in.
        var (faultFree, _) = await SleepJobAsync(client, sleeps, "fault-free", kill: null);
        results.Add(new BenchResult(Suite, "steal_balance_s", skewed, "s", faultFree));
        results.Add(new BenchResult(Suite, "steal_balance_ratio", skewed / faultFree, "x"));
        var (withKill, rerun) = await SleepJobAsync(client, sleeps, "fault", kill: cluster.Nodes[2]);
        results.Add(new BenchResult(Suite, "fault_run_s", withKill, "s", faultFree));
        results.Add(new BenchResult(Suite, "fault_overhead_pct", (withKill / faultFree - 1) * 100, "%"));

        // The least any scheduler can take once a third of the executors is gone 1 s in: the work left after 1 s (all three
        // members busy until then) runs on two members, 1.5x as long, even with an instant hand-off.
        var bound = 1 + (faultFree - 1) * 3 / 2;
        results.Add(new BenchResult(Suite, "fault_run_vs_capacity_bound", withKill / bound, "x"));
        if (rerun is { } seconds)
        {
            results.Add(new BenchResult(Suite, "failure_rerun_s", seconds, "s"));
        }
        return results;
    }

    private static TaskSpec Noop(string id) => new() { Id = id, Function = "echo", Cache = false };

    /// <summary>
    /// No-op tasks per second: <paramref name="count"/> tasks submitted at once until the home counts them all succeeded, on the
    /// same cluster: the first job, and the median of the next <see cref="WarmRuns"/> (warm), the nodes' steady state rather than
    /// their JIT's warm-up.
    /// </summary>
    private static async Task<(double First, double Warm)> ThroughputAsync(ComputeClient client, int count)
    {
        var first = await MeasureThroughputAsync(client, count, "first");
        var warm = new List<double>();
        for (var run = 0; run < WarmRuns; run++)
        {
            warm.Add(await MeasureThroughputAsync(client, count, $"noop{run}"));
        }

        var median = Percentiles.Of(warm, 0.50);
        Console.Error.WriteLine($"cluster: {count:N0} no-op tasks: first job {first:F0} tasks/s, then {string.Join(", ", warm.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} (median {median:F0})");
        return (first, median);
    }

    /// <summary>Warm jobs after the first: their median is <c>cluster_noop_tasks_per_s</c> (one job of 20,000 lasts 2-3 s here,
    /// and this machine's speed swings by a third from one minute to the next).</summary>
    private const int WarmRuns = 3;

    private static async Task<double> MeasureThroughputAsync(ComputeClient client, int count, string prefix)
    {
        var before = (await client.StatusAsync()).Succeeded;
        var tasks = Enumerable.Range(0, count).Select(i => Noop($"{prefix}-{i:D6}")).ToList();
        var clock = Stopwatch.StartNew();
        await client.SubmitAsync(tasks, "bench-" + prefix);
        while ((await client.StatusAsync()).Succeeded - before < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException($"{count} no-op tasks did not finish within 5 minutes");
            }

            await Task.Delay(10);
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs <paramref name="count"/> x 10 ms sleep tasks and returns the seconds until all succeeded at the home; kills
    /// <paramref name="kill"/> (SIGKILL) 1 s in, and then also returns the seconds from the kill until the home handed the first
    /// of the killed member's tasks to another member (its <c>ClusterStats.HandedOff</c> grew), else null.
    /// </summary>
    private static async Task<(double Total, double? Rerun)> SleepJobAsync(ComputeClient client, int count, string job, BenchNode? kill)
    {
        var before = (await client.StatusAsync()).Succeeded;
        var handedOffBefore = (await client.ClusterStatsAsync()).HandedOff;
        var tasks = Enumerable.Range(0, count)
            .Select(i => new TaskSpec { Id = $"{job}-{i:D5}", Function = "sleep", Args = System.Text.Json.JsonDocument.Parse("{\"ms\":10}").RootElement.Clone(), Cache = false })
            .ToList();
        var clock = Stopwatch.StartNew();
        await client.SubmitAsync(tasks, job);
        TimeSpan? killedAt = null;
        double? rerun = null;
        while ((await client.StatusAsync()).Succeeded - before < count)
        {
            if (kill is not null && killedAt is null && clock.Elapsed >= TimeSpan.FromSeconds(1))
            {
                kill.KillHard();
                killedAt = clock.Elapsed;
            }

            if (killedAt is { } at && rerun is null && (await client.ClusterStatsAsync()).HandedOff > handedOffBefore)
            {
                rerun = (clock.Elapsed - at).TotalSeconds;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException($"{count} sleep tasks ({job}) did not finish within 5 minutes");
            }

            await Task.Delay(10);
        }

        return (clock.Elapsed.TotalSeconds, rerun);
    }

    /// <summary>
    /// Single tasks run before latency samples are taken, unmeasured: 30. <c>akc</c> compiles each method fully optimized at
    /// its first call, and the first tasks that meet each member as their owner took 25-160 ms where the rest take 3-6 ms
    /// (<c>bench/run latency</c> with one warm-up task: the four slowest samples were tasks #1, #2, #5 and #11 of 200).
    /// </summary>
    internal const int WarmUpTasks = 30;

    private static async Task<(List<double> Total, List<double> Ack, List<TaskStages.Sample> Samples)> LatencySamplesAsync(ComputeClient client, int samples)
    {
        for (var i = 0; i < WarmUpTasks; i++)
        {
            await client.SubmitAsync([Noop($"latency-warm-up-{i}")], "bench-latency");
            await client.WaitForResultAsync($"latency-warm-up-{i}");
        }

        var times = new List<double>(samples);
        var acks = new List<double>(samples);
        var taken = new List<TaskStages.Sample>(samples);
        for (var i = 0; i < samples; i++)
        {
            var id = $"latency-{i:D4}";
            var at = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            await client.SubmitAsync([Noop(id)], "bench-latency");
            acks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await client.WaitForResultAsync(id);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            taken.Add(new TaskStages.Sample(id, at, acks[^1], at + Stopwatch.GetElapsedTime(start)));
        }

        return (times, acks, taken);
    }
}
