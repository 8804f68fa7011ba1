using System.Text.Json;

namespace AkkaCompute.Bench;

/// <summary>
/// The garbage collections of a bench cluster's node processes, read from each node's <c>GET /node/stats</c>
/// (<c>gc</c>): taken before and after a measured run, the difference says how often and how long the nodes paused
/// during it, one source of a latency tail of tens of milliseconds on this machine (<see cref="CpuOf"/> gives the
/// processes' CPU time, another).
/// </summary>
internal sealed record NodeGc(int Collections, int Gen1, int Gen2, double PauseMs, double LongestLastPauseMs)
{
    /// <summary>The sum over <paramref name="cluster"/>'s nodes now (the longest of their last pauses).</summary>
    public static async Task<NodeGc> OfAsync(BenchCluster cluster)
    {
        using var http = new HttpClient();
        var total = new NodeGc(0, 0, 0, 0, 0);
        foreach (var node in cluster.Nodes)
        {
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Management, "node/stats")));
            if (stats.RootElement.TryGetProperty("gc", out var gc) && gc.ValueKind == JsonValueKind.Object)
            {
                total = new NodeGc(
                    total.Collections + gc.GetProperty("gen0").GetInt32(),
                    total.Gen1 + gc.GetProperty("gen1").GetInt32(),
                    total.Gen2 + gc.GetProperty("gen2").GetInt32(),
                    total.PauseMs + gc.GetProperty("pauseMs").GetDouble(),
                    Math.Max(total.LongestLastPauseMs, gc.GetProperty("lastPauseMs").GetDouble()));
            }
        }

        return total;
    }

    /// <summary>Each node's last collection: its pause, generation 0's size before it, the bytes it promoted and the pinned objects it met, one line.</summary>
    public static async Task<string> LastOfAsync(BenchCluster cluster)
    {
        using var http = new HttpClient();
        var parts = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(node.Management, "node/stats")));
            if (stats.RootElement.TryGetProperty("gc", out var gc) && gc.ValueKind == JsonValueKind.Object)
            {
                parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{gc.GetProperty("lastPauseMs").GetDouble():0.0} ms (gen0 {gc.GetProperty("lastGen0Bytes").GetInt64() / 1048576.0:0.0} MiB, promoted {gc.GetProperty("lastPromotedBytes").GetInt64() / 1048576.0:0.00} MiB, {gc.GetProperty("lastPinnedObjects").GetInt64()} pinned, heap {gc.GetProperty("heapBytes").GetInt64() / 1048576.0:0.0} MiB)"));
            }
        }

        return "last collection per node: " + string.Join("; ", parts);
    }

    /// <summary>CPU time used so far by <paramref name="cluster"/>'s node processes together, and by this (the client's) process.</summary>
    public static (TimeSpan Nodes, TimeSpan Client) CpuOf(BenchCluster cluster) =>
        (cluster.Nodes.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.CpuTime), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>What happened between <paramref name="before"/> and this snapshot, as one line for stderr.</summary>
    public string Since(NodeGc before) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Collections - before.Collections} collections on the nodes ({Gen1 - before.Gen1} gen1, {Gen2 - before.Gen2} gen2), {PauseMs - before.PauseMs:0.0} ms paused in all");
}
