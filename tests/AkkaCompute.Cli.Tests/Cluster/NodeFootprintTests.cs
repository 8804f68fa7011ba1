namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>What a node on the embedded SQLite store keeps out of its memory, and what it gives back when idle.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class NodeFootprintTests
{
    [Fact]
    public async Task A_node_on_sqlite_never_loads_the_postgresql_driver()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(1, h.Root);
        var node = cluster.Nodes[0];
        await NodeCluster.AwaitMembersAsync([node], [node]);

        // Its store was opened and checked before the member came up: a check that touched Npgsql would have mapped it by now.
        var maps = await File.ReadAllTextAsync($"/proc/{node.Pid}/maps");
        Assert.Contains("linq2db.dll", maps);
        Assert.DoesNotContain("Npgsql.dll", maps);
    }

    [Fact]
    public async Task An_idle_node_compacts_its_heap_and_returns_free_memory_to_the_os()
    {
        using var h = new CliHarness();
        var port = LoopbackPorts.Take(1)[0];
        await using var node = await AkcNodeProcess.StartAsync(
            "127.0.0.1", port, [$"akka.tcp://akc@127.0.0.1:{port}"], h.Root, netns: null, managementPort: 0, ["--set", "management.idle-memory-trim=1s"]);

        var line = await node.AwaitLogAsync(l => l.Contains("heap compacted and free memory returned to the OS", StringComparison.Ordinal), NodeCluster.Deadline);
        var m = System.Text.RegularExpressions.Regex.Match(line, @"resident (\d+\.\d) MB -> (\d+\.\d) MB");
        Assert.True(m.Success, line);
        Assert.True(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, line);
    }
}
