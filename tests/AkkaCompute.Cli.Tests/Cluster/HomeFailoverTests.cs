using AkkaCompute.Client;
using AkkaCompute.Compute.Tasks;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Cluster;

/// <summary>
/// Durable acceptance on real <c>akc node</c> processes (akc.cluster.acceptance = majority, the default): the member that
/// acknowledged a job (its home) is killed with SIGKILL while the job runs; the client fails over to another contact and
/// still gets every acknowledged task's result, because a majority held the batch and the successor home took it over.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class HomeFailoverTests(ITestOutputHelper output)
{
    /// <summary>Three members, a client connected to all of them, and a job of 30 one-second shell tasks acknowledged by its home.</summary>
    private static async Task<(NodeCluster Cluster, ComputeClient Client, List<TaskSpec> Tasks, AkcNodeProcess Home)> StartJobAsync(CliHarness h)
    {
        var cluster = await NodeCluster.StartAsync(3, h.Root);
        await NodeCluster.AwaitMembersAsync(cluster.Nodes, cluster.Nodes);
        var client = await ComputeClient.ConnectAsync(cluster.Nodes.Select(n => n.Address.ToString()).ToArray());
        await NodeCluster.AwaitPeerViewAsync(client, 3);
        var deadline = DateTime.UtcNow + NodeCluster.Deadline;

        var tasks = Enumerable.Range(0, 30).Select(i => new TaskSpec { Id = $"d{i:D3}", Kind = TaskKind.Shell, Command = "sleep 1; echo $PPID" }).ToList();
        var outcome = await client.SubmitAsync(tasks, "durable");
        Assert.Equal(30, outcome.Accepted.Count);

        // The home is the member whose merkle clock entry ticked on acceptance.
        AkcNodeProcess? home = null;
        while (home is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no member's clock entry ticked");
            var clock = await client.ClockAsync();
            home = cluster.Nodes.FirstOrDefault(n => clock[n.Address.ToString()] > 0);
            if (home is null)
            {
                await Task.Delay(50);
            }
        }

        return (cluster, client, tasks, home);
    }

    private async Task AssertEveryResultAsync(ComputeClient client, List<TaskSpec> tasks, AkcNodeProcess home)
    {
        var results = await Task.WhenAll(tasks.Select(t => client.WaitForResultAsync(t.Id).WaitAsync(NodeCluster.Deadline)));
        Assert.All(results, r => Assert.Equal(TaskState.Succeeded, r.State));
        Assert.Equal(tasks.Select(t => t.Id).Order(), results.Select(r => r.TaskId).Order());
        output.WriteLine($"home {home.Address} (pid {home.Pid}) gone; results from pids {string.Join(", ", results.Select(r => r.Output!.Value.GetProperty("stdout").GetString()!.Trim()).Distinct())}");
    }

    [Fact]
    public async Task Killing_the_home_of_a_running_job_loses_no_acknowledged_task()
    {
        using var h = new CliHarness();
        var (cluster, client, tasks, home) = await StartJobAsync(h);
        await using (cluster)
        await using (client)
        {
            home.KillHard();
            await AssertEveryResultAsync(client, tasks, home);
        }
    }

    [Fact]
    public async Task A_home_that_leaves_gracefully_hands_its_running_job_over()
    {
        using var h = new CliHarness();
        var (cluster, client, tasks, home) = await StartJobAsync(h);
        await using (cluster)
        await using (client)
        {
            home.Terminate(); // SIGTERM: the member leaves the cluster (Leaving, Exiting, Removed) and exits 0
            Assert.Equal(0, await home.WaitForExitAsync(NodeCluster.Deadline));
            await AssertEveryResultAsync(client, tasks, home);
        }
    }
}
