namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>What a node on the embedded SQLite store keeps out of its memory.</summary>
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
}
