using System.Diagnostics;
using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run latency</c>: where the time of one task goes on the cluster of <see cref="ClusterSuite"/> (three nodes, durable
/// acceptance), one no-op task at a time (200; 50 with --quick), after <see cref="ClusterSuite.WarmUpTasks"/> of them unmeasured. Each stage is read off the home's history (its clock is
/// this machine's, as the client's is): <c>latency_accept_ms</c> from the submission until the home journaled the batch,
/// <c>latency_ack_ms</c> until the client had the acknowledgement, <c>latency_start_ms</c> from the journaling until the home
/// recorded the start (placement, the owner's queue, the start report), <c>latency_run_ms</c> from the start until the home
/// recorded the result, <c>latency_read_ms</c> from that until the client had the result (pushed by the home: WatchResults), and
/// <c>latency_total_ms</c>, and <c>latency_ask_ms</c>: a ClusterClient round trip that does nothing at the home, for scale;
/// p50 and p99 of each. <c>latency_journal_write_mean_ms</c>: the home's mean journal write
/// (<c>akc node stats</c>).
/// </summary>
internal static class LatencySuite
{
    private const string Suite = "latency";

    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var count = quick ? 50 : 200;
        await using var cluster = await BenchCluster.StartAsync([]);
        var client = cluster.Client;
        var stages = new Dictionary<string, List<double>>
        {
            ["accept"] = [], ["ack"] = [], ["start"] = [], ["run"] = [], ["read"] = [], ["total"] = [], ["ask"] = [],
        };

        // Warm-up tasks first (WarmUpTasks), so that no sample pays for JIT and connections.
        for (var i = 0; i < ClusterSuite.WarmUpTasks; i++)
        {
            await client.SubmitAsync([Noop($"warm-up-{i}")], "bench-latency");
            await client.WaitForResultAsync($"warm-up-{i}");
        }
        var submitted = new List<TaskStages.Sample>();
        // For scale: the CPU the cluster uses idle, over two seconds after one to settle.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var idleBefore = NodeGc.CpuOf(cluster);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleAfter = NodeGc.CpuOf(cluster);
        Console.Error.WriteLine($"latency: idle for 2 s: nodes {(idleAfter.Nodes - idleBefore.Nodes).TotalSeconds:0.00} s CPU, client {(idleAfter.Client - idleBefore.Client).TotalSeconds:0.00} s");
        var gcBefore = await NodeGc.OfAsync(cluster);
        var cpuBefore = NodeGc.CpuOf(cluster);
        var loop = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var id = $"stage-{i:D4}";
            var at = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            await client.SubmitAsync([Noop(id)], "bench-latency");
            var ack = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await client.WaitForResultAsync(id);
            submitted.Add(new TaskStages.Sample(id, at, ack, at + Stopwatch.GetElapsedTime(start)));
        }

        var cpuAfter = NodeGc.CpuOf(cluster);
        var gcAfter = await NodeGc.OfAsync(cluster);
        Console.Error.WriteLine($"latency: during the {count} tasks: {gcAfter.Since(gcBefore)}; CPU over {loop.Elapsed.TotalSeconds:0.00} s: nodes {(cpuAfter.Nodes - cpuBefore.Nodes).TotalSeconds:0.00} s, client {(cpuAfter.Client - cpuBefore.Client).TotalSeconds:0.00} s");

        // The cost of one ClusterClient round trip that does nothing at the home (GetMembership), in the same run.
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.MembersAsync();
            stages["ask"].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        foreach (var (stage, samples) in await TaskStages.OfAsync(client, submitted))
        {
            stages[stage] = samples;
        }

        // Where the slowest tasks lost their time, stage by stage, for the reader of the tail.
        foreach (var line in TaskStages.DescribeSlowest(stages, 4))
        {
            Console.Error.WriteLine("latency: " + line);
        }

        var results = new List<BenchResult>();
        foreach (var (stage, samples) in stages)
        {
            results.Add(new BenchResult(Suite, $"latency_{stage}_p50_ms", Percentiles.Of(samples, 0.50), "ms"));
            results.Add(new BenchResult(Suite, $"latency_{stage}_p99_ms", Percentiles.Of(samples, 0.99), "ms"));
        }

        // The home's mean journal write (acceptances and lifecycle rows), from its control endpoint (akc node stats).
        using var http = new HttpClient();
        var stats = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.Nodes[0].Management, "node/stats")));
        if (stats.RootElement.GetProperty("journalWriteLatencyMs") is { ValueKind: System.Text.Json.JsonValueKind.Number } journal)
        {
            results.Add(new BenchResult(Suite, "latency_journal_write_mean_ms", journal.GetDouble(), "ms"));
        }

        return results;
    }

    private static TaskSpec Noop(string id) => new() { Id = id, Function = "echo", Cache = false };
}
