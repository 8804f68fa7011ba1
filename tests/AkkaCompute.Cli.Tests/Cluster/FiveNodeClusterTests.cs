using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>Five <c>akc node</c> processes on loopback with hocon/lan.conf, operated through their management endpoints and <c>akc cluster</c>.</summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class FiveNodeClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_nodes_form_from_two_seeds_and_leave_gracefully_by_command_and_by_SIGTERM()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(5, h.Root);
        var nodes = cluster.Nodes;
        await NodeCluster.AwaitMembersAsync(nodes, nodes);

        var (code, table, err) = await h.RunAsync("cluster", "show", "--endpoint", nodes[2].Management.ToString());
        Assert.True(code == 0, err);
        Assert.All(nodes, n => Assert.Contains(n.Address.ToString(), table));
        Assert.Contains("5 members (5 up, 0 unreachable)", table);

        var (jsonCode, json, _) = await h.RunAsync("cluster", "show", "--endpoint", nodes[2].Management.ToString(), "--json");
        Assert.Equal(0, jsonCode);
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("members").GetArrayLength());
            Assert.Equal(nodes[2].Address.ToString(), doc.RootElement.GetProperty("self").GetString());
        }

        // akc cluster leave, sent to another node: the leaver goes Leaving -> Exiting -> Removed and exits 0 by itself.
        var (leaveCode, leaveOut, leaveErr) = await h.RunAsync("cluster", "leave", nodes[4].Address.ToString(), "--endpoint", nodes[0].Management.ToString(), "--token-file", h.TokenFile);
        Assert.True(leaveCode == 0, leaveErr);
        Assert.Contains("asked to leave", leaveOut);
        Assert.Equal(0, await nodes[4].WaitForExitAsync(NodeCluster.Deadline));
        await NodeCluster.AwaitMembersAsync(nodes[..4], nodes[..4]);
        await nodes[0].AwaitLineAsync($"member Removed {nodes[4].Address} (was Exiting)", NodeCluster.Deadline);

        // SIGTERM to a seed: coordinated shutdown leaves gracefully, then the process exits 0.
        nodes[1].Terminate();
        Assert.Equal(0, await nodes[1].WaitForExitAsync(NodeCluster.Deadline));
        await NodeCluster.AwaitMembersAsync([nodes[0], nodes[2], nodes[3]], [nodes[0], nodes[2], nodes[3]]);
        Assert.Contains(nodes[1].Output, l => l == $"node {nodes[1].Address} stopped");
        output.WriteLine(string.Join("\n", nodes[0].Output));
    }

    [Fact]
    public async Task A_node_killed_with_SIGKILL_is_downed_and_removed_and_its_restart_with_a_new_uid_rejoins()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(5, h.Root);
        var nodes = cluster.Nodes;
        await NodeCluster.AwaitMembersAsync(nodes, nodes);
        var victim = nodes[2];
        var survivors = nodes.Where(n => n != victim).ToList();

        var killedAt = Stopwatch.GetTimestamp();
        victim.KillHard();
        await NodeCluster.AwaitMembersAsync(survivors, survivors);
        var removedLine = $"member Removed {victim.Address} (was Down)";
        foreach (var s in survivors)
        {
            await s.AwaitLineAsync(removedLine, NodeCluster.Deadline);
        }

        var removedAt = survivors.Select(s => s.SeenAt(removedLine)!.Value).Max();
        output.WriteLine($"real_failure_removed_s: {Stopwatch.GetElapsedTime(killedAt, removedAt).TotalSeconds:0.00} (kill -9 until the last survivor printed its MemberRemoved; lan profile)");
        foreach (var s in survivors)
        {
            string At(string line) => s.SeenAt(line) is { } t ? $"{Stopwatch.GetElapsedTime(killedAt, t).TotalSeconds:0.00} s" : "-";
            output.WriteLine($"  {s.Address}: unreachable {At($"unreachable {victim.Address}")}, down {At($"member Down {victim.Address}")}, removed {At(removedLine)}");
        }

        var restarted = await cluster.RestartAsync(2);
        Assert.Equal(victim.Address, restarted.Address);
        Assert.NotEqual(victim.Uid, restarted.Uid);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
    }
}
