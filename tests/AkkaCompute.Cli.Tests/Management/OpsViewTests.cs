using AkkaCompute.Cli.Commands;
using AkkaCompute.Cli.Management;

namespace AkkaCompute.Cli.Tests.Management;

/// <summary>The small pure parts of the ops commands: event lines, node stats text, query parameters.</summary>
public sealed class OpsViewTests
{
    [Fact]
    public void Cluster_events_read_as_the_node_prints_them()
    {
        const string a = "akka.tcp://akc@127.0.0.1:2";
        Assert.Equal($"T member Up {a}", new ClusterEventDto("T", "member", a, "Up", null).ToLine());
        Assert.Equal($"T member Removed {a} (was Exiting)", new ClusterEventDto("T", "member", a, "Removed", "Exiting").ToLine());
        Assert.Equal($"T unreachable {a}", new ClusterEventDto("T", "unreachable", a, null, null).ToLine());
        Assert.Equal("T leader none", new ClusterEventDto("T", "leader", null, null, null).ToLine());
    }

    [Fact]
    public void Node_stats_text_has_one_line_per_figure_and_n_a_for_what_is_not_reported()
    {
        var text = NodeStatsCommand.Format(new NodeStatsDto("N", 5, new Dictionary<string, int> { ["0"] = 2, ["9"] = 3 }, 1, 2, 0, 4, 2, 2, 3, 1, 0.75, null, 6, null, 10, 1, 0));
        Assert.Contains("queued: 5 (priority 0: 2, priority 9: 3)", text);
        Assert.Contains("executors: 2 busy, 2 free (of 4)", text);
        Assert.Contains("cache: 3 hits, 1 misses, hit rate 75.0%", text);
        Assert.Contains("journal write latency: n/a", text);
        Assert.Contains("hand-offs: 6", text);
        Assert.Contains("steals: n/a", text);
        Assert.Contains("limits: n/a", text);
        Assert.Contains("gc: n/a", text);
        Assert.Contains("gc: 12 collections (3 gen1, 1 gen2), 84.2 ms paused in all, last 3.1 ms; heap 45.5 MiB",
            NodeStatsCommand.Format(new NodeStatsDto("N", 0, null, 0, 0, 0, 4, 0, 4, 0, 0, null, null, 0, 0, 0, 0, 0) { Gc = new GcStatsDto(12, 3, 1, 84.2, 3.1, 47_710_208) }));

        var empty = NodeStatsCommand.Format(new NodeStatsDto("N", 0, new Dictionary<string, int>(), 0, 0, 0, 4, 0, 4, 0, 0, null, 1.5, 0, 0, 0, 0, 0));
        Assert.Contains("queued: 0" + Environment.NewLine, empty);
        Assert.Contains("cache: 0 hits, 0 misses, hit rate n/a", empty);
        Assert.Contains("journal write latency: 1.5 ms", empty);
        Assert.Contains("limits: rlimit (cpu and memory via ", NodeStatsCommand.Format(new NodeStatsDto("N", 0, null, 0, 0, 0, 4, 0, 4, 0, 0, null, null, 0, 0, 0, 0, 0)
        {
            Limits = Running.LimitsDescription.Of(new Hosting.Settings.ExecutorSettings()),
        }));
    }

    [Fact]
    public void Gc_stats_describe_the_last_collection_after_one()
    {
        var keep = new byte[64 * 1024];
        GC.Collect();
        var stats = GcStatsDto.Now();
        GC.KeepAlive(keep);
        Assert.True(stats.Gen2 >= 1);
        Assert.True(stats.LastPromotedBytes >= keep.Length, $"promoted {stats.LastPromotedBytes} bytes");
        Assert.True(stats.HeapBytes >= stats.LastPromotedBytes);
        Assert.True(stats.LastGen0Bytes >= 0);
    }

    [Theory]
    [InlineData(null, true, 7)]
    [InlineData("", true, 7)]
    [InlineData("1", true, 1)]
    [InlineData("20", true, 20)]
    [InlineData("21", false, 0)]
    [InlineData("0", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("abc", false, 0)]
    [InlineData("1e3", false, 0)]
    public void Whole_number_parameters_are_checked_against_their_range(string? text, bool ok, int value)
    {
        Assert.Equal(ok, OpsRoutes.TryInt(text, 7, 1, 20, out var parsed));
        if (ok)
        {
            Assert.Equal(value, parsed);
        }
    }
}
