using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Issue 13's acceptance test on real processes: five <c>akc node</c> members, 10,000 tasks submitted through ClusterClient,
/// a member that is neither a seed nor a contact killed with SIGKILL at about 30%: every result arrives, once per task, all
/// succeeded, and the killed member's share ran on the others. The built-in <c>whoami</c> says which process ran each task.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class TenThousandTasksTests(ITestOutputHelper output)
{
    private const int Count = 10_000;

    [Fact]
    public async Task Ten_thousand_tasks_on_five_members_survive_a_kill_at_thirty_percent()
    {
        using var h = new CliHarness();
        await using var cluster = await NodeCluster.StartAsync(5, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        await using var client = await ComputeClient.ConnectAsync([cluster.Nodes[0].Address.ToString(), cluster.Nodes[1].Address.ToString()]);
        await NodeCluster.AwaitPeerViewAsync(client, 5);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);

        var tasks = Enumerable.Range(0, Count).Select(i => new TaskSpec { Id = $"w{i:D5}", Function = "whoami", Cache = false }).ToList();
        var outcome = await client.SubmitAsync(tasks, "ten-thousand");
        Assert.Equal(Count, outcome.Accepted.Count);

        var victim = cluster.Nodes[4];
        var results = new Dictionary<string, TaskResult>(StringComparer.Ordinal);
        var beforeKill = 0;
        while (results.Count < Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{results.Count} of {Count} results arrived in time");
            var waiting = tasks.Select(t => t.Id).Where(id => !results.ContainsKey(id)).ToList();
            foreach (var r in await client.GetResultsAsync(waiting))
            {
                Assert.True(results.TryAdd(r.TaskId, r), $"task {r.TaskId} was answered twice");
            }

            if (!victim.HasExited && results.Count >= Count * 3 / 10)
            {
                beforeKill = results.Count;
                victim.KillHard();
            }

            await Task.Delay(results.Count < Count ? 200 : 0);
        }

        foreach (var node in cluster.Nodes)
        {
            output.WriteLine($"pid {node.Pid}{(node.HasExited ? " (exited)" : "")}: {node.Describe(12)}");
        }

        Assert.True(beforeKill > 0, "the member was not killed while the job ran");
        Assert.All(results.Values, r => Assert.Equal(TaskState.Succeeded, r.State));
        var byPid = results.Values.GroupBy(r => r.Output!.Value.GetProperty("pid").GetInt32()).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"killed pid {victim.Pid} after {beforeKill} results; results by pid: {string.Join(", ", byPid.Select(kv => $"{kv.Key}: {kv.Value}"))}");
        Assert.Subset(cluster.Nodes.Select(n => n.Pid).ToHashSet(), byPid.Keys.ToHashSet());
        Assert.True(byPid.GetValueOrDefault(victim.Pid) <= beforeKill, "the killed member produced results after it was killed");
        Assert.True(byPid.Count(kv => kv.Key != victim.Pid) == 4, "not every survivor ran tasks");
    }
}
