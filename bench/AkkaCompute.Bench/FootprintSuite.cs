using System.Globalization;

namespace AkkaCompute.Bench;

/// <summary>
/// <c>bench/run footprint</c>: the resident memory of an idle <c>akc node</c> (lan profile, a fresh data directory, the
/// management endpoint with its REST API and dashboard on, no tasks), read from <c>/proc/PID/status</c> (VmRSS, and its
/// anonymous part RssAnon) 65 s after start (35 s with --quick). Two nodes, each a cluster of its own, run side by side in the
/// same run: the default one trims its memory when idle (<c>akc.management.idle-memory-trim = 30s</c>), the baseline has
/// <c>idle-memory-trim = off</c>; --quick trims after 10 s. The nodes are started 5 s apart so that their start-ups do not
/// compete for the two cores at the same moment.
/// </summary>
public static class FootprintSuite
{
    /// <summary>Runs the suite.</summary>
    public static IEnumerable<BenchResult> Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchResult>> RunAsync(bool quick)
    {
        var akc = RealClusterFailure.Metadata("AkcDll");
        var lan = RealClusterFailure.Metadata("LanConf");
        var dir = Directory.CreateTempSubdirectory("akc-bench-footprint-");
        var ports = RealClusterFailure.FreeLoopbackPorts(2);
        var nodes = new List<BenchNode>();
        try
        {
            string[] trimmed = quick ? ["--set", "management.idle-memory-trim=10s"] : [];
            var trimming = BenchNode.Start(akc, lan, dir.FullName, ports[0], [ports[0]], trimmed);
            nodes.Add(trimming);
            await trimming.WaitStartedAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var untrimmed = BenchNode.Start(akc, lan, dir.FullName, ports[1], [ports[1]], ["--set", "management.idle-memory-trim=off"]);
            nodes.Add(untrimmed);
            await untrimmed.WaitStartedAsync();
            var wait = TimeSpan.FromSeconds(quick ? 35 : 65);
            await Task.Delay(wait - TimeSpan.FromSeconds(5)); // each node is read about `wait` after it started
            var (rss, anon) = Status(trimming);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var (baseRss, baseAnon) = Status(untrimmed);
            return
            [
                new BenchResult("footprint", "node_idle_rss_mb", rss, "MB", baseRss),
                new BenchResult("footprint", "node_idle_rss_anon_mb", anon, "MB", baseAnon),
            ];
        }
        finally
        {
            BenchNode.DisposeAll(nodes, dir);
        }
    }

    /// <summary>VmRSS and RssAnon of the node, in MB (1,048,576 bytes).</summary>
    private static (double Rss, double Anon) Status(BenchNode node)
    {
        if (node.HasExited)
        {
            throw new InvalidOperationException("the node exited before it was measured\n" + node.Describe());
        }

        var lines = File.ReadAllLines($"/proc/{node.ProcessId}/status");
        double Kb(string key) => double.Parse(lines.Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Kb("VmRSS"), Kb("RssAnon"));
    }
}
